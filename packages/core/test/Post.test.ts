import { assert, describe, it } from "@effect/vitest"
import { Post } from "@qinglian/core"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"

const isPost = Schema.is(Post.Post)
const builtIn = [...Post.VillagePost.literals, ...Post.TownPost.literals, ...Post.CountyPost.literals]

describe("Post.isBuiltIn", () => {
  it("knows every built-in post, including fresh copies of their text", () => {
    for (const p of builtIn) {
      assert.isTrue(Post.isBuiltIn(p), p)
      assert.isTrue(Post.isBuiltIn(JSON.parse(JSON.stringify(p)) as string), p)
    }
  })

  it("refuses a county's own post, near misses and odd lengths", () => {
    for (const p of ["forestRanger", "", "partysecretary", "partySecretary ", "clerk\u0000", "x".repeat(100_000)]) {
      assert.isFalse(Post.isBuiltIn(p), JSON.stringify(p.slice(0, 20)))
    }
  })

  it("agrees with the Post schema on any string", () => {
    const texts = fc.oneof(fc.string(), fc.constantFrom(...builtIn), fc.constantFrom(...builtIn).map((p) => p.slice(1) + p[0]))
    fc.assert(fc.property(texts, (s) => Post.isBuiltIn(s) === isPost(s)), { numRuns: 2_000 })
  })
})
