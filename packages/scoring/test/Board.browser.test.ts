/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Renders the HTML board in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core, which never downloads a browser of its own): each page fits A4 without
// overflow, a PDF prints, and Chinese glyphs really render (not as empty boxes).
import { assert, describe, it } from "@effect/vitest"
import { Board } from "@qinglian/scoring"
import { existsSync } from "node:fs"
import { chromium } from "playwright-core"
import { boardInput } from "./fixtures.js"

const CHROMIUM = "/usr/bin/chromium"
const available = existsSync(CHROMIUM)
if (!available) {
  console.warn(`Board.browser.test: ${CHROMIUM} is missing, so the browser checks are skipped. Install it with scripts/install-chromium.sh (apt-get install chromium fonts-wqy-microhei).`)
}

// A4 at CSS 96 dpi: 210 mm × 297 mm.
const A4 = { width: 794, height: 1123 }

describe.skipIf(!available)("Board HTML in headless Chromium", () => {
  const render = async (scope: Board.Scope) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox"] })
    try {
      const page = await browser.newPage({ viewport: A4 })
      await page.setContent(Board.render(boardInput("2026-W13"), scope).html, { waitUntil: "load" })
      await page.emulateMedia({ media: "print" })
      const layout = await page.evaluate(() => {
        const doc = document.documentElement
        const clipped = [...document.querySelectorAll("td, th, h1, h2, p")].filter((el) => el.scrollWidth > el.clientWidth + 1).length
        const right = Math.max(...[...document.querySelectorAll("body *")].map((el) => el.getBoundingClientRect().right))
        return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, clipped, right }
      })
      // Glyph proof: with a CJK font, different characters draw different bitmaps, and differ from
      // an unassigned code point's box; without one, every Chinese character is the same box.
      const glyphs = await page.evaluate(() => {
        const font = getComputedStyle(document.body).fontFamily
        const draw = (ch: string) => {
          const c = document.createElement("canvas")
          c.width = 64
          c.height = 64
          const ctx = c.getContext("2d")!
          ctx.font = `48px ${font}`
          ctx.fillStyle = "#000"
          ctx.fillText(ch, 4, 52)
          return c.toDataURL()
        }
        const box = draw("\u0378")
        const chars = ["清", "廉", "村", "居"].map(draw)
        return { distinct: new Set(chars).size, sameAsBox: chars.filter((x) => x === box).length, heiti: document.fonts.check(`16px "WenQuanYi Micro Hei"`, "清廉") }
      })
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true })
      return { layout, glyphs, pdf }
    } finally {
      await browser.close()
    }
  }

  const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length

  it("prints a village board on one A4 page without overflow, with real Chinese glyphs", async () => {
    const { glyphs, layout, pdf } = await render({ level: "village", village: "v-xishu" })
    assert.isAtMost(layout.scrollWidth, layout.clientWidth)
    assert.isAtMost(layout.right, A4.width)
    assert.strictEqual(layout.clipped, 0)
    assert.strictEqual(glyphs.distinct, 4)
    assert.strictEqual(glyphs.sameAsBox, 0)
    assert.isTrue(glyphs.heiti)
    assert.strictEqual(pdf.subarray(0, 5).toString("latin1"), "%PDF-")
    assert.strictEqual(pages(pdf), 1)
  })

  it("prints the town board on A4 pages without overflow", async () => {
    const { layout, pdf } = await render({ level: "town" })
    assert.isAtMost(layout.scrollWidth, layout.clientWidth)
    assert.strictEqual(layout.clipped, 0)
    const n = pages(pdf)
    assert.isAtLeast(n, 1)
    assert.isAtMost(n, 3)
  })
})
