import type { publicAccessEntry } from '@/lib/audit/list'
import { dateTime } from '@/lib/dates'

type Entry = ReturnType<typeof publicAccessEntry>

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

export function AccessLog({ entries, timeZone }: { entries: Entry[]; timeZone: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing yet.</p>
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="access-log">
        <thead className="text-slate-600 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-3 font-medium">When</th>
            <th className="py-1 pr-3 font-medium">What</th>
            <th className="py-1 pr-3 font-medium">Tier</th>
            <th className="py-1 pr-3 font-medium">Result</th>
            <th className="py-1 font-medium">From</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-3 whitespace-nowrap">{dateTime(e.at, timeZone)}</td>
              <td className="py-1 pr-3">{LABEL[e.action] ?? e.action}</td>
              <td className="py-1 pr-3">{e.tier ?? '—'}</td>
              <td className={`py-1 pr-3 ${e.success ? '' : 'font-medium text-red-700 dark:text-red-400'}`}>{e.success ? 'ok' : 'failed'}</td>
              <td className="py-1">{[e.device, e.ip].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
