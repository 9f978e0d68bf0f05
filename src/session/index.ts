/** Resident mode: a compile session that stays warm across many compiles (watch mode, editors). */
export { type CompileSession, createSession, type SessionCompileStats } from "./session.js";
