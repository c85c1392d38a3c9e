import { redirect } from 'next/navigation'
import { requireAdminPage } from '@/lib/admin/page'

export default async function AdminHome() {
  await requireAdminPage()
  redirect('/admin/users')
}
