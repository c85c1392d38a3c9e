import type { Metadata } from 'next'
import Link from 'next/link'
import { AccessLog } from '@/components/settings/access-log'
import { DeleteAccount } from '@/components/settings/delete-account'
import { PasskeyManager } from '@/components/settings/passkey-manager'
import { PasswordForm } from '@/components/settings/password-form'
import { ProfileForm } from '@/components/settings/profile-form'
import { SessionList } from '@/components/settings/session-list'
import { ThemePicker } from '@/components/settings/theme-picker'
import { TokenManager } from '@/components/settings/token-manager'
import { getProfile } from '@/lib/accounts/profile'
import { listApiTokens, publicToken } from '@/lib/auth/api-tokens'
import { requirePageUser } from '@/lib/auth/page'
import { publicSession } from '@/lib/auth/public-session'
import { listSessions } from '@/lib/auth/sessions'
import { ACCESS_KINDS, groupAccessEntries, listAccessLog, publicAccessEntry } from '@/lib/audit/list'
import { dateTime } from '@/lib/dates'
import { listNotifications, markRead, publicNotification } from '@/lib/notify'
import { listPasskeys } from '@/lib/webauthn'
import { publicPasskey } from '@/lib/webauthn/public'

export const metadata: Metadata = { title: 'Settings' }

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

/** Entries of the access log per page (before runs of alike events are folded into one row). */
const LOG_PAGE = 50

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ log?: string; failed?: string; before?: string }> }) {
  const principal = await requirePageUser('/settings')
  const userId = principal.user.id
  const params = await searchParams
  const kind = ACCESS_KINDS.find((k) => k === params.log) ?? 'all'
  const failedOnly = params.failed === '1'
  const before = /^\d{1,15}$/.test(params.before ?? '') ? Number(params.before) : undefined
  const [profile, sessions, tokens, keys, log, alerts] = await Promise.all([getProfile({ userId }), listSessions({ userId }), listApiTokens({ userId }), listPasskeys(userId), listAccessLog({ userId, limit: LOG_PAGE, before, kind, success: failedOnly ? false : undefined }), listNotifications({ userId })])
  // Seeing the alerts here marks them read (the badge in the header goes away next time).
  await markRead({ userId })
  return (
    <>
      <h1 className="text-2xl font-bold">Settings</h1>
      {alerts.length > 0 && (
        <Section id="alerts" title="Alerts">
          <ul className="flex flex-col gap-2" data-testid="alerts">
            {alerts.map(publicNotification).map((a) => (
              <li key={a.id} className={`rounded-lg border p-3 text-sm ${a.read ? 'border-slate-200 dark:border-slate-700' : 'border-red-300 dark:border-red-800'}`}>
                <p className="font-medium">{a.title}</p>
                <p>{a.body}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">{dateTime(a.created_at, principal.user.timezone)}</p>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section id="profile" title="Profile and preferences">
        <ProfileForm profile={profile} />
      </Section>
      <Section id="appearance" title="Appearance">
        <ThemePicker />
      </Section>
      <Section id="password" title="Password">
        <PasswordForm />
      </Section>
      <Section id="passkeys" title="Passkeys">
        <PasskeyManager passkeys={keys.map(publicPasskey)} timeZone={principal.user.timezone} />
      </Section>
      <Section id="sessions" title="Signed-in devices">
        <SessionList sessions={sessions.map((s) => publicSession(s, principal.sessionId))} timeZone={principal.user.timezone} />
      </Section>
      <Section id="tokens" title="API tokens">
        <TokenManager tokens={tokens.map(publicToken)} timeZone={principal.user.timezone} />
      </Section>
      <Section id="recently-deleted" title="Recently deleted">
        <p>
          Deleted memories can be restored for 30 days.{' '}
          <Link href="/deleted" className="underline underline-offset-2">
            See recently deleted memories
          </Link>
        </p>
      </Section>
      <Section id="access-log" title="Access log">
        <AccessLog
          groups={groupAccessEntries(log.map(publicAccessEntry))}
          timeZone={principal.user.timezone}
          kind={kind}
          failedOnly={failedOnly}
          paged={before !== undefined}
          olderHref={log.length === LOG_PAGE ? `/settings?log=${kind}${failedOnly ? '&failed=1' : ''}&before=${log[log.length - 1].id}#access-log` : null}
        />
      </Section>
      <Section id="delete" title="Delete your account">
        <DeleteAccount />
      </Section>
    </>
  )
}
