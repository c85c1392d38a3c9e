// What Next.js itself answers under /api, before any route handler: against `next start`, since
// the development server differs. Every answer is the JSON error shape of DESIGN.md 5; none is a
// 500, an HTML page or an empty 405 (issue 21).
import http from 'node:http'
import { expect, test } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3210)

/** A raw HTTP request: the path is sent exactly as written (no URL normalisation). */
function raw(method: string, path: string, { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request({ host: 'localhost', port, method, path, headers }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }))
    })
    request.on('error', reject)
    request.end(body)
  })
}

function expectJsonError(answer: { status: number; headers: http.IncomingHttpHeaders; text: string }, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.headers['content-type']).toMatch(/^application\/json/)
  const body = JSON.parse(answer.text) as { error: { code: string; message: string } }
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
}

test('TRACE on a route is a 405 naming the allowed methods', async () => {
  const answer = await raw('TRACE', '/api/health')
  expectJsonError(answer, 405, 'method_not_allowed:route')
  expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS')
})

test('a method the route lacks is a JSON 405 with Allow', async () => {
  const answer = await raw('PUT', '/api/v1/memories')
  expectJsonError(answer, 405, 'method_not_allowed:route')
  expect(answer.headers.allow).toBe('GET, POST, HEAD, OPTIONS')
  expectJsonError(await raw('POST', '/api/health'), 405, 'method_not_allowed:route')
})

test('a path whose escapes are not UTF-8 is a JSON 400', async () => {
  expectJsonError(await raw('GET', '/api/v1/memories/%ff%fe'), 400, 'bad_request:path')
})

test('an unknown path under /api is a JSON 404, also for a multipart POST', async () => {
  expectJsonError(await raw('GET', '/api/v1/nothing-here'), 404, 'not_found:route')
  expectJsonError(await raw('GET', '/api/v1/memories/a/b/c'), 404, 'not_found:route')
  const boundary = 'mnemo-boundary'
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--${boundary}--\r\n`
  expectJsonError(await raw('POST', '/api/v1/import/nowhere', { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body }), 404, 'not_found:route')
})

test('malformed ids and prototype keys are refused, not a 500', async () => {
  expectJsonError(await raw('DELETE', '/api/v1/passkeys/%25'), 401, 'unauthorized:session')
  const answer = await raw('POST', '/api/v1/auth/register', { headers: { 'content-type': 'application/json' }, body: '{"toString":1,"__proto__":{"x":1}}' })
  expectJsonError(answer, 400, 'bad_request:register')
})
