// /docs: the API reference, drawn by Scalar from /api/openapi.json. The viewer is served from
// this server (app/docs/scalar.js), so the page works offline; its web fonts are turned off.
export const dynamic = 'force-static'

const PAGE = `<!doctype html>
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
<script src="/docs/scalar.js"></script>
<script>
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

export function GET() {
  return new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } })
}
