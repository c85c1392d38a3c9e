import { describe, expect, it, vi } from 'vitest'
import { AppError, errorResponse } from '@/lib/errors'

describe('AppError', () => {
  it('maps the kind of its code to a status and the standard JSON shape', async () => {
    const error = new AppError('forbidden:tier', { message: 'Unlock the secret tier first.', details: { unlock: 'passkey' } })
    const response = error.toResponse()
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      error: { code: 'forbidden:tier', message: 'Unlock the secret tier first.', unlock: 'passkey' },
    })
  })

  it('carries field errors for bad input', async () => {
    const response = new AppError('bad_request:memory', { fieldErrors: { content: ['Required'] } }).toResponse()
    expect(response.status).toBe(400)
    expect((await response.json()).error.fields).toEqual({ content: ['Required'] })
  })

  it('sends Retry-After on a rate limit, in whole seconds', () => {
    const response = new AppError('rate_limited:login', { retryAfter: 12.2 }).toResponse()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('13')
  })

  it('answers anything unknown as internal:server without details, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = errorResponse(new Error('password=hunter2 at db.ts:12'), 'test')
    expect(response.status).toBe(500)
    const body = await response.json()
    expect(body).toEqual({ error: { code: 'internal:server', message: expect.any(String), error_id: expect.stringMatching(/^[0-9a-f-]{36}$/) } })
    expect(body.error.message).toContain(body.error.error_id)
    expect(JSON.stringify(body)).not.toContain('hunter2')
    // The log line names the id, the place and the class; never the message.
    expect(log).toHaveBeenCalledWith(`[mnemo] error id=${body.error.error_id} where="test" kind=Error`)
    log.mockRestore()
  })
})
