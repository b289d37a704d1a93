/**
 * The PRC national holiday schedule (全国年节及纪念日放假办法 as arranged each year by the State
 * Council General Office). Copied from the published notices; each year keeps its citation.
 * Add a year when its notice is published, usually in November of the year before.
 *
 * Kept as plain strings so the package never reads a file at run time; `WorkCalendar` checks this
 * constant against its schema in the tests.
 *
 * @internal
 */
export const holidaysCn = {
  about:
    "Official rest days and make-up workdays (调休上班) of the PRC national holiday schedule. Weekends not listed here are rest days; weekdays not listed are workdays.",
  years: {
    "2025": {
      source: "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12)",
      restDays: [
        ["2025-01-01", "2025-01-01", "元旦"],
        ["2025-01-28", "2025-02-04", "春节"],
        ["2025-04-04", "2025-04-06", "清明节"],
        ["2025-05-01", "2025-05-05", "劳动节"],
        ["2025-05-31", "2025-06-02", "端午节"],
        ["2025-10-01", "2025-10-08", "国庆节、中秋节"]
      ],
      makeUpWorkdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
    },
    "2026": {
      source: "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
      restDays: [
        ["2026-01-01", "2026-01-03", "元旦"],
        ["2026-02-15", "2026-02-23", "春节"],
        ["2026-04-04", "2026-04-06", "清明节"],
        ["2026-05-01", "2026-05-05", "劳动节"],
        ["2026-06-19", "2026-06-21", "端午节"],
        ["2026-09-25", "2026-09-27", "中秋节"],
        ["2026-10-01", "2026-10-07", "国庆节"]
      ],
      makeUpWorkdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    }
  }
} as const
