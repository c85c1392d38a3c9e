import { requestInfo } from '@/lib/http/request-info'
import { json, route } from '@/lib/http/route'
import { signInOptions } from '@/lib/webauthn'

/** Options for a passkey sign-in ceremony (the answer goes to Auth.js's "passkey" provider). */
export const POST = route(async (request) => json(await signInOptions(requestInfo(request.headers))))
