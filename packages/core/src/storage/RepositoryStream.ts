/**
 * A repository's documents as an effect `Stream`, fetched page by page: for reads too large to
 * hold at once (a nightly export, a province's dashboard). Kept apart from `Storage` so that
 * importing the storage API does not load effect's Stream module.
 *
 * ```ts
 * import { RepositoryStream } from "@qinglian/core/storage"
 * const rows = RepositoryStream.of(PowerListStore.exercises, "byDate", { gte: "2026-01-01" })
 * ```
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Range, ReadError, Repository, Storage, Stored } from "./Storage.js"

/**
 * The documents of `repository` in the range on `index`, in index order, fetched `pageSize` (500)
 * at a time as the stream is pulled.
 *
 * @since 0.1.0
 * @category constructors
 */
export const of = <A, Ix extends string>(
  repository: Repository<A, Ix>,
  index: Ix,
  range: Range & { readonly pageSize?: number } = {}
): Stream.Stream<Stored<A>, ReadError, Storage> => {
  const { pageSize = 500, ...rest } = range
  return Stream.paginateChunkEffect(undefined as string | undefined, (cursor) =>
    Effect.map(
      repository.query(index, cursor === undefined ? { ...rest, limit: pageSize } : { ...rest, limit: pageSize, cursor }),
      (page) => [Chunk.fromIterable(page.items), Option.fromNullable(page.cursor)] as const
    ))
}
