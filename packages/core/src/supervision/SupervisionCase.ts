/**
 * Discipline supervision cases (监督执纪案件), event-sourced.
 *
 * A case is a stream of {@link Event}s; its {@link State} is a pure fold of them ({@link evolve}).
 * A {@link Command} is decided by the pure function {@link decide}, which returns the events to
 * append or a typed error, and writes nothing on error. The stages, the commands allowed in each,
 * their targets, guards, required roles and the deadlines each stage opens are written once, as
 * data, in {@link machine}; `decide`, `evolve` and {@link diagram} are all derived from it.
 *
 * Due dates are computed when a stage is entered (rulebook durations on the WorkCalendar) and
 * stored in the events, so they survive a restart.
 *
 * This module gathers the case's modules under one name, as it always has: `Vocabulary`,
 * `Deadlines`, `Command`, `Event`, `Machine`, `Guards`, `State`, `Authority`, `Decide`, `Overdue` and
 * `CaseStore`. Each is also exported on its own from `@qinglian/core/supervision`.
 *
 * @example
 * ```ts
 * import { LocalDate, SupervisionCase } from "@qinglian/core"
 *
 * // The stages and the commands allowed in each, as a Mermaid state diagram derived from the machine.
 * console.log(SupervisionCase.diagram())
 * // A case's state is a fold of its events; the town's overdue dashboard reads states.
 * const report = SupervisionCase.overdue([SupervisionCase.initial], LocalDate.unsafeMake("2026-04-01"))
 * console.log(report.total, SupervisionCase.stageLabelZh[SupervisionCase.initial.stage])
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
export * from "./Authority.js"
export * from "./CaseStore.js"
export * from "./Command.js"
export * from "./Deadlines.js"
export * from "./Decide.js"
export * from "./Event.js"
export * from "./Guards.js"
export * from "./Machine.js"
export * from "./Overdue.js"
export * from "./State.js"
export * from "./Vocabulary.js"
