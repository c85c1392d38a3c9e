'use server'
// Server actions of the capture page; each checks the session itself.
import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { captureSchema, tierInput } from '@/app/api/v1/memories/schema'
import { requireActionUser } from '@/lib/auth/page'
import { actionError, echo } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { requestInfo } from '@/lib/http/request-info'
import { parseWith } from '@/lib/http/route'
import { captureMemory, deleteMemory, restoreMemory, updateMemory } from '@/lib/memories'

export interface CaptureOutcome {
  tier: string
  reasoning: string
  locked: boolean
}

export async function captureAction(_prev: ActionResult<CaptureOutcome>, form: FormData): Promise<ActionResult<CaptureOutcome>> {
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
    const locked = 'locked' in memory
    return {
      status: 'ok',
      message: result.created ? `Saved as ${memory.tier}.` : 'Already saved.',
      data: { tier: memory.tier, locked, reasoning: result.classification?.reasoning ?? ('reasoning' in memory ? (memory.reasoning ?? '') : '') },
    }
  } catch (error) {
    return actionError(error, 'capture', echo(form, 'content'))
  }
}

export async function moveMemoryAction(id: string, tier: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    const target = parseWith(tierInput, tier, 'memory')
    await updateMemory(principal, id, { tier: target }, requestInfo(await headers()))
    revalidatePath('/home')
    return { status: 'ok', message: `Moved to ${target}. Similar messages will follow.` }
  } catch (error) {
    return actionError(error, 'move memory')
  }
}

export async function deleteMemoryAction(id: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    await deleteMemory(principal, id)
    revalidatePath('/home')
    return { status: 'ok', message: 'Deleted.' }
  } catch (error) {
    return actionError(error, 'delete memory')
  }
}

export async function restoreMemoryAction(id: string): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    await restoreMemory(principal, id)
    revalidatePath('/home')
    return { status: 'ok', message: 'Restored.' }
  } catch (error) {
    return actionError(error, 'restore memory')
  }
}
