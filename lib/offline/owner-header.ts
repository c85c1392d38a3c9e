// A capture sent from the offline outbox names the account it was written in; the server refuses
// it when the session belongs to someone else (another person signed in on the same device).
export const OWNER_HEADER = 'x-mnemo-owner'
