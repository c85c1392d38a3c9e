// The route template of a request (`/api/v1/memories/[id]`), for metrics labels: the path with
// each dynamic segment, as Next.js handed it to the handler in `params`, put back as its name.
// A label never carries an id or a word a user typed.

const MAX_SEGMENTS = 8

export async function routeTemplate(request: Request, ctx: unknown): Promise<string> {
  const segments = new URL(request.url).pathname.split('/').filter(Boolean).slice(0, MAX_SEGMENTS)
  let params: Record<string, string | string[] | undefined> = {}
  try {
    const given = (ctx as { params?: unknown } | undefined)?.params
    params = ((await given) ?? {}) as typeof params
  } catch {
    params = {}
  }
  const names = new Map<string, string>()
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) names.set(v, `[...${name}]`)
    else if (typeof value === 'string') names.set(value, `[${name}]`)
  }
  const out: string[] = []
  for (const raw of segments) {
    const segment = safeDecode(raw)
    const name = names.get(segment) ?? names.get(raw)
    if (name) {
      // A catch-all is one template segment, however many path segments it took.
      if (out.at(-1) !== name) out.push(name)
    } else {
      // A static segment is part of the app's routes; anything else (never expected here)
      // is folded to a placeholder rather than becoming a label value.
      out.push(/^[a-z][a-z0-9-]{0,31}(\.json)?$/.test(segment) ? segment : '[param]')
    }
  }
  return `/${out.join('/')}`
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
