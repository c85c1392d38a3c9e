// /docs: the API reference, drawn by Scalar from /api/openapi.json. The viewer is served from
// this server (app/docs/scalar.js), so the page works offline; its web fonts are turned off.
// Rendered per request: its two scripts carry the nonce of the Content-Security-Policy that
// proxy.ts sets (with 'strict-dynamic', a script without it does not run).
export const dynamic = 'force-dynamic'

const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mnemo API reference</title>
<meta name="description" content="The OpenAPI 3.1 reference of mnemo's REST API.">
</head>
<body>
<noscript>The reference needs JavaScript; the document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="app"></div>
<script nonce="${nonce}" src="/docs/scalar.js"></script>
<script nonce="${nonce}">
Scalar.createApiReference('#app', {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  metaData: { title: 'mnemo API reference' },
})
</script>
</body>
</html>
`

export function GET(request: Request) {
  // The nonce is base64 from proxy.ts; anything else is dropped rather than put in an attribute.
  const nonce = /^[A-Za-z0-9+/=]{8,64}$/.test(request.headers.get('x-nonce') ?? '') ? request.headers.get('x-nonce')! : ''
  return new Response(page(nonce), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } })
}
