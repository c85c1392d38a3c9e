// `npm run embeddings:reembed`: embeds again every memory whose embedding came from another
// model than the one configured now. Safe to interrupt and run again.
import { closeDatabase } from '@/db'
import { countStaleEmbeddings, currentEmbeddingModelId, reembedMemories } from '@/lib/embeddings/reembed'

const target = currentEmbeddingModelId()
console.log(`[mnemo] ${await countStaleEmbeddings(target)} memories to embed with ${target}`)
const progress = await reembedMemories({ target })
console.log(`[mnemo] re-embedded ${progress.updated} memories in ${progress.batches} batches; ${progress.remaining} remain`)
await closeDatabase()
