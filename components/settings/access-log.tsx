import Link from 'next/link'
import type { AccessGroup, AccessKind } from '@/lib/audit/list'
import { dateTime } from '@/lib/dates'

const LABEL: Record<string, string> = {
  login: 'Sign-in',
  'login.locked': 'Sign-in refused (locked)',
  'login.lockout': 'Account locked after failed sign-ins',
  logout: 'Sign-out',
  register: 'Account created',
  unlock: 'Unlock',
  lock: 'Locked again',
  'memory.read': 'Read protected memories',
  'memory.update': 'Changed a protected memory',
  'memory.delete': 'Deleted a protected memory',
  'memory.restore': 'Restored a protected memory',
  'search.read': 'Search showed protected memories',
  'password.change': 'Password change',
  'password_reset.request': 'Password reset asked',
  'password_reset.confirm': 'Password reset',
  'session.revoke': 'Signed out a device',
  'session.revoke_others': 'Signed out other devices',
  'token.create': 'API token created',
  'token.revoke': 'API token revoked',
  'token.exchange': 'API token from password',
  'passkey.register': 'Passkey added',
  'passkey.remove': 'Passkey removed',
}

const KIND_LABEL: Record<AccessKind, string> = { all: 'Everything', reads: 'Reads of protected memories', account: 'Sign-ins and account changes' }

interface Props {
  groups: AccessGroup[]
  timeZone: string
  kind: AccessKind
  failedOnly: boolean
  /** The address of the next (older) page, when there is one. */
  olderHref: string | null
  /** Whether this is a later page (a link back to the newest). */
  paged: boolean
}

const FIELD = 'rounded-lg border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800'

/** The access log: filters, runs of alike events as one row with a count, and older pages. */
export function AccessLog({ groups, timeZone, kind, failedOnly, olderHref, paged }: Props) {
  return (
    <div className="flex flex-col gap-3">
      <form method="get" action="/settings#access-log" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the access log">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Show</span>
          <select name="log" defaultValue={kind} className={FIELD}>
            {(Object.keys(KIND_LABEL) as AccessKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 py-1.5">
          <input type="checkbox" name="failed" value="1" defaultChecked={failedOnly} className="size-4" />
          Failures only
        </label>
        <button type="submit" className="rounded-lg border border-slate-300 px-3 py-1.5 font-medium dark:border-slate-600">
          Apply
        </button>
      </form>
      {groups.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing {kind === 'all' && !failedOnly ? 'yet' : 'matches these filters'}.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 text-sm dark:divide-slate-700" data-testid="access-log">
          {groups.map((g) => (
            <li key={g.id} data-testid="access-entry" className="flex flex-col gap-0.5 py-2">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{LABEL[g.action] ?? g.action}</span>
                {g.count > 1 && <span className="rounded-full bg-slate-200 px-2 text-xs dark:bg-slate-700">×{g.count}</span>}
                {g.tier && <span className="text-slate-600 dark:text-slate-400">{g.tier}</span>}
                <span className={g.success ? 'text-slate-600 dark:text-slate-400' : 'font-medium text-red-700 dark:text-red-400'}>{g.success ? 'ok' : 'failed'}</span>
              </p>
              <p className="text-slate-600 dark:text-slate-400">
                <time dateTime={g.at}>{dateTime(g.at, timeZone)}</time>
                {g.count > 1 && (
                  <>
                    {' '}
                    (first <time dateTime={g.first_at}>{dateTime(g.first_at, timeZone)}</time>)
                  </>
                )}
                {(g.device || g.ip) && <span className="break-all"> · {[g.device, g.ip].filter(Boolean).join(' · ')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="flex gap-4 text-sm">
        {paged && (
          <Link href={`/settings?log=${kind}${failedOnly ? '&failed=1' : ''}#access-log`} className="underline underline-offset-2">
            Newest entries
          </Link>
        )}
        {olderHref && (
          <Link href={olderHref} className="underline underline-offset-2">
            Older entries
          </Link>
        )}
      </p>
    </div>
  )
}
