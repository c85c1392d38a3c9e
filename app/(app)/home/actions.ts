'use server'
// Server actions of the capture page; each checks the session itself.
import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { captureSchema, tierInput, updateSchema } from '@/lib/memories/schema'
import { requireActionUser } from '@/lib/auth/page'
import { AppError } from '@/lib/errors'
import { actionError, echo, isForm, NOT_A_FORM } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { requestInfo } from '@/lib/http/request-info'
import { parseWith } from '@/lib/http/route'
import { captureMemory, countReadableMemories, deleteMemory, getMemoryView, listMemories, keptOnEdit, restoreMemory, updateMemory, type MemoryView } from '@/lib/memories'
import { TIMELINE_PAGE } from '@/lib/memories/timeline'
import type { Tier } from '@/lib/tiers'

export interface CaptureOutcome {
  id: string
  tier: string
  reasoning: string
  locked: boolean
  /** The classifier is sure this needs more protection than the tier chosen. */
  suggested_tier?: Tier
}

export async function captureAction(_prev: ActionResult<CaptureOutcome>, form: FormData): Promise<ActionResult<CaptureOutcome>> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const principal = await requireActionUser()
    const tier = form.get('tier')
    const input = parseWith(
      captureSchema,
      { content: form.get('content') ?? '', client_id: form.get('client_id') || undefined, tier: tier ? tier : undefined, source: 'app' },
      'memory',
    )
    const result = await captureMemory(principal, input, 'app')
    revalidatePath('/home')
    const memory = result.memory
    const locked = 'locked' in memory || 'deleted' in memory
    return {
      status: 'ok',
      message: result.created ? `Saved as ${memory.tier}.` : 'deleted' in memory ? 'Already saved, and deleted since (see Recently deleted).' : 'Already saved.',
      data: {
        id: memory.id,
        tier: memory.tier,
        locked,
        reasoning: result.classification?.reasoning ?? ('reasoning' in memory ? (memory.reasoning ?? '') : ''),
        ...(result.suggestedTier ? { suggested_tier: result.suggestedTier } : {}),
      },
    }
  } catch (error) {
    return actionError(error, 'capture', echo(form, 'content'))
  }
}

/**
 * A server action can be posted anything: an id that is not a string names no memory (404, as a
 * malformed one does), rather than throwing while it is turned into one.
 */
function memoryId(id: unknown): string {
  return typeof id === 'string' ? id : ''
}

export async function moveMemoryAction(id: string, tier: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    const target = parseWith(tierInput, tier, 'memory')
    await updateMemory(principal, memoryId(id), { tier: target }, requestInfo(await headers()))
    revalidatePath('/home')
    return { status: 'ok', message: `Moved to ${target}. Similar messages will follow.` }
  } catch (error) {
    return actionError(error, 'move memory')
  }
}

export async function deleteMemoryAction(id: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    await deleteMemory(principal, memoryId(id), requestInfo(await headers()))
    revalidatePath('/home')
    return { status: 'ok', message: 'Deleted.' }
  } catch (error) {
    return actionError(error, 'delete memory')
  }
}

export async function restoreMemoryAction(id: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    await restoreMemory(principal, memoryId(id), requestInfo(await headers()))
    revalidatePath('/home')
    return { status: 'ok', message: 'Restored.' }
  } catch (error) {
    return actionError(error, 'restore memory')
  }
}

export interface TimelinePage {
  items: MemoryView[]
  next_cursor: string | null
}

/** An earlier page of the timeline (infinite scroll back in time). */
export async function loadEarlierAction(cursor: string, tier?: string): Promise<ActionResult<TimelinePage>> {
  try {
    const principal = await requireActionUser()
    const tiers = tier ? [parseWith(tierInput, tier, 'memory')] : undefined
    if (typeof cursor !== 'string') throw new AppError('bad_request:memory', { message: 'The cursor is not valid.' })
    const page = await listMemories(principal, { limit: TIMELINE_PAGE, cursor, tiers }, requestInfo(await headers()))
    return { status: 'ok', message: '', data: page }
  } catch (error) {
    return actionError(error, 'load earlier memories')
  }
}

export async function editMemoryAction(id: string, content: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    const input = parseWith(updateSchema, { content }, 'memory')
    const memory = await updateMemory(principal, memoryId(id), input, requestInfo(await headers()))
    revalidatePath('/home')
    return { status: 'ok', message: keptOnEdit(memory) ? `Saved; kept in ${memory.tier} (an edit never lowers a memory's tier).` : `Saved; classified as ${memory.tier}.` }
  } catch (error) {
    return actionError(error, 'edit memory')
  }
}

export interface LiveMemory {
  /** null: gone (deleted, or not the caller's). */
  memory: MemoryView | null
  client_id: string | null
}

/** A memory a live event named, read under the usual rules (locked tiers stay placeholders). */
export async function liveMemoryAction(id: string): Promise<ActionResult<LiveMemory>> {
  try {
    const principal = await requireActionUser()
    const found = await getMemoryView(principal, memoryId(id), requestInfo(await headers()))
    return { status: 'ok', data: { memory: found?.memory ?? null, client_id: found?.clientId ?? null } }
  } catch (error) {
    return actionError(error, 'read a live memory')
  }
}

/** The tier tabs' counts (readable tiers only), after live changes. */
export async function tierCountsAction(): Promise<ActionResult<Partial<Record<Tier, number>>>> {
  try {
    const principal = await requireActionUser()
    return { status: 'ok', data: await countReadableMemories(principal) }
  } catch (error) {
    return actionError(error, 'count memories')
  }
}
