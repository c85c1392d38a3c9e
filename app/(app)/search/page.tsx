import type { Metadata } from 'next'
import { SearchBox } from '@/components/search/search-box'
import { requirePageUser } from '@/lib/auth/page'

export const metadata: Metadata = { title: 'Search' }

export default async function SearchPage() {
  await requirePageUser('/search')
  return (
    <>
      <h1 className="text-2xl font-bold">Search</h1>
      <SearchBox />
    </>
  )
}
