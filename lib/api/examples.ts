// Examples shown in the OpenAPI document, keyed by `METHOD path`. (The contract test checks
// each example against its schema, so they cannot drift from the code.)
export const EXAMPLES: Record<string, { request?: unknown; response?: unknown }> = {
  'POST /api/v1/auth/register': {
    request: { phone: '+14155550123', password: 'violet-harbor-tractor-92', name: 'Ada', timezone: 'Europe/Paris' },
  },
  'POST /api/v1/auth/token': {
    request: { phone: '+14155550123', password: 'violet-harbor-tractor-92', name: 'my script', scopes: ['memories:read', 'memories:write', 'search'] },
  },
  'POST /api/v1/memories': {
    request: { content: 'Lunch with Sam at the harbour tomorrow at noon', client_id: '0b7d3c1e-5a61-4f0e-9a51-2f1f4b7f3a10' },
  },
  'POST /api/v1/search': { request: { query: 'harbour lunch', limit: 10 } },
  'POST /api/v1/classify': { request: { content: 'My bank PIN is 4821' } },
  'PATCH /api/v1/memories/{id}': { request: { tier: 'confidential' } },
  'PATCH /api/v1/admin/users/{id}': { request: { max_tier: 2 } },
  'DELETE /api/v1/admin/users/{id}': { request: { confirm: '+14155550123' } },
  'GET /api/health': { response: { status: 'ok', db: 'ok', version: '0.1.0' } },
  'POST /api/v1/admin/audit/verify': { response: { ok: true, rows: 1532 } },
}
