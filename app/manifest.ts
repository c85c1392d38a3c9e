import type { MetadataRoute } from 'next'

/** The web app manifest (/manifest.webmanifest): what makes mnemo installable. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/home',
    name: 'mnemo — your private memory',
    short_name: 'mnemo',
    description: 'Write to yourself; mnemo keeps every secret in its place.',
    start_url: '/home',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#f8fafc',
    theme_color: '#3730a3',
    categories: ['productivity', 'lifestyle'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    screenshots: [
      { src: '/screenshots/timeline-phone-light.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: 'The timeline on a phone' },
      { src: '/screenshots/timeline-desktop-dark.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'The timeline on a desktop, dark theme' },
    ],
    shortcuts: [
      { name: 'Capture', short_name: 'Capture', url: '/home?compose=1', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
      { name: 'Search', short_name: 'Search', url: '/search', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
    ],
  }
}
