import { type ILookaheadStrategy, LLkLookaheadStrategy } from "chevrotain";

type AlternationOptions = Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0];
type AlternationLookahead = ReturnType<ILookaheadStrategy["buildLookaheadForAlternation"]>;
type OptionalLookahead = ReturnType<ILookaheadStrategy["buildLookaheadForOptional"]>;

/**
 * Chevrotain's LL(k) lookahead, each decision's function built the first time the parser reaches it rather than
 * all of them in `performSelfAnalysis`. Building them all was the largest part of constructing the parser (about
 * half of its 0.1 s), paid by every run of the command, while a run reaches only the decisions its input needs:
 * a class file never meets the instance, pragma-argument or WMI-only alternatives. The functions built are
 * Chevrotain's own, so every decision is the same; each call goes through one more closure.
 */
export class LazyLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    let built: AlternationLookahead | undefined;
    const build = () => super.buildLookaheadForAlternation(options);
    return function lookahead(this: ThisParameterType<AlternationLookahead>, orAlts) {
      built ??= build();
      return built.call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    let built: OptionalLookahead | undefined;
    const build = () => super.buildLookaheadForOptional(options);
    return function lookahead(this: ThisParameterType<OptionalLookahead>) {
      built ??= build();
      return built.call(this);
    };
  }
}
