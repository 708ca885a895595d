/**
 * Runs parsed templates (jinja-parser.ts) with the Jinja runtime (jinja-runtime.ts).
 *
 * nunjucks' own Compiler emits JavaScript semantics for nearly every construct (`==`, `+`,
 * truthiness, `%`, scoping, macro arguments), so its emitters are not reused. We walk the parsed
 * template instead of generating code: a model is rendered once or twice, and generating and
 * JIT-compiling one JavaScript function per file costs more than walking its tree. Compiling
 * (`compileJinja`) parses and checks the template once; the result is reused for every render.
 */
import { closestNames, didYouMean } from '../errors.js';
import {
  JinjaContext,
  JinjaFrame,
  ReturnSignal,
  add,
  annotate,
  call,
  callDynamic,
  callFilter,
  callMethod,
  callTest,
  compare,
  concat,
  dict,
  div,
  floordiv,
  getattr,
  getitem,
  lookup,
  loop as startLoop,
  makeMacro,
  mod,
  mul,
  neg,
  pos,
  pow,
  rootFrame,
  setAttr,
  setVar,
  slice,
  sub,
  tuple,
  undefinedIsLenient,
  unpack,
  type ContextLike,
  type EnvLike,
  type JinjaFunction,
  type MacroSpec,
} from './jinja-runtime.js';
import { TemplateSyntaxError, parseTemplate, type Body, type CallArgs, type Expr, type FilterExpr, type Param, type Stmt, type Target } from './jinja-parser.js';
import { PyFloat, pyError, pyStr, pyTruthy } from './python-values.js';
import type { Kwargs } from './python-args.js';

type MacroStmt = Extract<Stmt, { kind: 'Macro' }>;
type CallBlockStmt = Extract<Stmt, { kind: 'CallBlock' }>;

/** The state of one function being run: a render, or one macro call. */
interface Run {
  readonly env: EnvLike;
  readonly context: ContextLike;
  readonly file: string;
  line: number;
  out: string;
  /** Where each piece of the output came from (lint maps findings back to the author's lines). */
  map?: SourceMap;
}

/**
 * Output offset → template position, as flat quadruples: output offset, 0 for literal text or 1 for an
 * expression, and the 0-based line and column in the template. Only the top-level output is recorded:
 * what a macro writes lands where it is called.
 */
export type SourceMap = number[];

let pendingSourceMap: SourceMap | undefined;

/** Records the source map of the next top-level render that `work` starts. */
export function recordSourceMap<T>(map: SourceMap, work: () => T): T {
  pendingSourceMap = map;
  try {
    return work();
  } finally {
    pendingSourceMap = undefined;
  }
}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Flow = 0 | 1 | 2;

// Macro parameters are analysed once, when the template is checked.
const macroSpecs = new WeakMap<object, MacroSpec>();

// ---------------------------------------------------------------- checking (compile time)

/** Adds every name the subtree reads to `names`. */
function collectNames(node: unknown, names: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectNames(item, names);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.kind === 'Name') names.add(record.name as string);
  for (const key in record) {
    const value = record[key];
    if (value !== null && typeof value === 'object') collectNames(value, names);
  }
}

function specFor(name: string, params: Param[], body: Body, catchReturn: boolean): MacroSpec {
  const used = new Set<string>();
  collectNames(body, used);
  return {
    name,
    args: params.map((p) => p.name),
    catchKwargs: used.has('kwargs'),
    catchVarargs: used.has('varargs'),
    caller: used.has('caller'),
    catchReturn,
  };
}

/**
 * Checks what Jinja checks when compiling: filters and tests exist (unless only reached inside an
 * `if`, where Jinja defers to runtime), `break`/`continue` sit in a loop. Records macro specs.
 */
class Checker {
  constructor(private readonly env: EnvLike) {}

  private fail(node: { line: number; col: number }, message: string, hint?: string): never {
    throw new TemplateSyntaxError(message, node.line + 1, node.col + 1, hint);
  }

  body(body: Body | null, loops: number, soft: boolean, topLevel = false): void {
    if (body) for (const child of body) this.stmt(child, loops, soft, topLevel);
  }

  private stmt(node: Stmt, loops: number, soft: boolean, topLevel: boolean): void {
    switch (node.kind) {
      case 'Text':
        return;
      case 'Output':
        return this.expr(node.expr, soft);
      case 'If':
        this.expr(node.test, true);
        this.body(node.body, loops, true);
        this.body(node.else_, loops, true);
        return;
      case 'For':
        this.expr(node.iter, soft);
        if (node.test) this.expr(node.test, false);
        this.body(node.body, loops + 1, false);
        this.body(node.else_, loops, false);
        return;
      case 'Set':
        return this.expr(node.value, soft);
      case 'SetBlock':
        if (node.filter) this.expr(node.filter, soft);
        return this.body(node.body, loops, soft);
      case 'FilterBlock':
        this.expr(node.filter, soft);
        return this.body(node.body, loops, soft);
      case 'Macro':
        macroSpecs.set(node, specFor(node.name, node.params, node.body, topLevel));
        for (const p of node.params) if (p.default) this.expr(p.default, false);
        return this.body(node.body, 0, false);
      case 'CallBlock':
        macroSpecs.set(node, specFor('caller', node.params, node.body, false));
        for (const p of node.params) if (p.default) this.expr(p.default, false);
        this.expr(node.call, soft);
        return this.body(node.body, 0, false);
      case 'Do':
        return this.expr(node.expr, soft);
      case 'With':
        for (const value of node.values) this.expr(value, soft);
        return this.body(node.body, loops, false);
      case 'Break':
      case 'Continue':
        if (loops === 0) this.fail(node, `'{% ${node.kind.toLowerCase()} %}' outside a for loop`);
        return;
    }
  }

  private known(kind: 'filter' | 'test', name: string, node: { line: number; col: number }, soft: boolean): void {
    const registry = kind === 'filter' ? this.env.filters : this.env.tests;
    if (soft || typeof registry[name] === 'function') return;
    const close = closestNames(name, Object.keys(registry));
    this.fail(node, `no ${kind} named '${name}'`, close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : undefined);
  }

  private callArgs(call: CallArgs, soft: boolean): void {
    for (const arg of call.args) this.expr(arg, soft);
    for (const [, value] of call.kwargs) this.expr(value, soft);
    if (call.starArgs) this.expr(call.starArgs, soft);
    if (call.starKwargs) this.expr(call.starKwargs, soft);
  }

  expr(node: Expr, soft: boolean): void {
    switch (node.kind) {
      case 'Const':
      case 'Name':
        return;
      case 'Tuple':
      case 'List':
        for (const item of node.items) this.expr(item, soft);
        return;
      case 'Dict':
        for (const [k, v] of node.pairs) {
          this.expr(k, soft);
          this.expr(v, soft);
        }
        return;
      case 'GetAttr':
        return this.expr(node.target, soft);
      case 'GetItem':
        this.expr(node.target, soft);
        return this.expr(node.key, soft);
      case 'Slice':
        this.expr(node.target, soft);
        for (const part of [node.start, node.stop, node.step]) if (part) this.expr(part, soft);
        return;
      case 'Call':
        this.expr(node.fn, soft);
        return this.callArgs(node.call, soft);
      case 'Filter':
        this.known('filter', node.name, node, soft);
        if (node.call.starArgs || node.call.starKwargs) this.fail(node, '*args and **kwargs in filter arguments are not supported');
        if (node.target) this.expr(node.target, soft);
        return this.callArgs(node.call, soft);
      case 'Test':
        this.known('test', node.name, node, soft);
        if (node.args.starArgs || node.args.starKwargs) this.fail(node, '*args and **kwargs in test arguments are not supported');
        this.expr(node.target, soft);
        return this.callArgs(node.args, soft);
      case 'Unary':
        return this.expr(node.operand, soft);
      case 'Binary':
        this.expr(node.left, soft);
        return this.expr(node.right, soft);
      case 'Compare':
        this.expr(node.first, soft);
        for (const op of node.ops) this.expr(op.expr, soft);
        return;
      case 'CondExpr':
        this.expr(node.test, true);
        this.expr(node.body, true);
        if (node.else_) this.expr(node.else_, true);
        return;
    }
  }
}

// ---------------------------------------------------------------- evaluation

/** A readable name for an expression, for error messages ("'foo.bar' is undefined"). */
function describe(node: Expr): string {
  switch (node.kind) {
    case 'Name':
      return node.name;
    case 'GetAttr':
      return `${describe(node.target)}.${node.name}`;
    case 'GetItem':
      return node.key.kind === 'Const' ? `${describe(node.target)}[${JSON.stringify(node.key.value === null ? 'None' : String(node.key.value))}]` : `${describe(node.target)}[…]`;
    case 'Call':
      return `${describe(node.fn)}()`;
    case 'Filter':
      return node.target ? `${describe(node.target)}|${node.name}` : node.name;
    default:
      return 'value';
  }
}

function undefinedError(node: Expr): Error {
  return pyError('UndefinedError', `'${describe(node)}' is undefined`);
}

/** A call of a name that nothing defines (a misspelt macro): Jinja's error, with the names that are close. */
function undefinedCallError(name: string, frame: JinjaFrame, run: Run): Error {
  const names = new Set<string>();
  for (let f: JinjaFrame | null = frame; f; f = f.parent) for (const key of Object.keys(f.vars)) names.add(key);
  if (run.context instanceof JinjaContext) {
    // Context names are enumerable properties along its prototype chain (macros, dbt's context members).
    for (const key in run.context.vars) names.add(key);
    for (const key of Object.keys(run.context.globals)) names.add(key);
  }
  names.delete(name);
  const guess = didYouMean(name, names);
  return pyError('UndefinedError', `'${name}' is undefined`, guess ?? 'no macro, variable or function has that name: check the spelling, or the package that defines it');
}

/** A for loop over None: name what was iterated (usually a var() that is not set), not only the type. */
function notIterableError(iter: Expr): Error {
  const first = iter.kind === 'Call' ? iter.call.args[0] : undefined;
  if (iter.kind === 'Call' && iter.fn.kind === 'Name' && iter.fn.name === 'var' && first?.kind === 'Const' && typeof first.value === 'string') {
    return pyError(
      'TypeError',
      `'NoneType' object is not iterable: var('${first.value}') is None, the variable is not set`,
      `set ${first.value} under vars: in dbt_project.yml or with --vars, or give var() a default: var('${first.value}', [])`,
    );
  }
  const what = describe(iter);
  return pyError('TypeError', `'NoneType' object is not iterable${what === 'value' ? '' : `: the for loop iterates ${what}, which is None`}`);
}

function evalArgs(call: CallArgs, frame: JinjaFrame, run: Run, extra?: Kwargs): { args: unknown[]; kwargs: Kwargs | null } {
  const args = evalItems(call.args, frame, run);
  let kwargs: Kwargs | null = null;
  if (call.kwargs.length || extra) {
    kwargs = {};
    for (const [name, value] of call.kwargs) {
      // Plain assignment would call Object.prototype's __proto__ setter instead of adding the key.
      if (name === '__proto__') Object.defineProperty(kwargs, name, { value: evalExpr(value, frame, run), enumerable: true, writable: true, configurable: true });
      else kwargs[name] = evalExpr(value, frame, run);
    }
    if (extra) Object.assign(kwargs, extra);
  }
  return { args, kwargs };
}

function evalCall(node: Extract<Expr, { kind: 'Call' }>, frame: JinjaFrame, run: Run, extra?: Kwargs): unknown {
  const fnNode = node.fn;
  if (fnNode.kind === 'GetAttr' && !node.call.starArgs && !node.call.starKwargs) {
    const target = evalExpr(fnNode.target, frame, run);
    if (target === undefined && !undefinedIsLenient()) throw undefinedError(fnNode.target);
    // Arguments run even when the call gives Undefined, as in dbt (a `ref()` among them is still recorded).
    const { args, kwargs } = evalArgs(node.call, frame, run, extra);
    if (target === undefined) return undefined;
    run.line = node.line + 1;
    return callMethod(target, fnNode.name, () => describe(fnNode.target), args, kwargs, run.context);
  }
  const fn = evalExpr(fnNode, frame, run);
  const { args, kwargs } = evalArgs(node.call, frame, run, extra);
  run.line = node.line + 1;
  if (fn === undefined && fnNode.kind === 'Name' && !undefinedIsLenient()) throw undefinedCallError(fnNode.name, frame, run);
  if (typeof fn !== 'function' && (fn !== undefined || !undefinedIsLenient())) return call(fn, describe(fnNode), args, kwargs, run.context);
  if (node.call.starArgs || node.call.starKwargs) {
    const star = node.call.starArgs ? evalExpr(node.call.starArgs, frame, run) : undefined;
    const starKw = node.call.starKwargs ? evalExpr(node.call.starKwargs, frame, run) : undefined;
    return callDynamic(fn, describe(fnNode), args, kwargs, star, starKw, run.context);
  }
  return call(fn, '', args, kwargs, run.context);
}

function applyFilter(node: FilterExpr, input: unknown, frame: JinjaFrame, run: Run): unknown {
  const value = node.target ? evalExpr(node.target, frame, run) : input;
  const { args, kwargs } = evalArgs(node.call, frame, run);
  run.line = node.line + 1;
  return callFilter(run.env, run.context, node.name, value, args, kwargs);
}

/** A filter chain of a block (`{% filter a | b %}`), applied to the block's text. */
function applyBlockFilter(node: FilterExpr, text: string, frame: JinjaFrame, run: Run): unknown {
  const value = node.target ? applyBlockFilter(node.target as FilterExpr, text, frame, run) : text;
  const { args, kwargs } = evalArgs(node.call, frame, run);
  run.line = node.line + 1;
  return callFilter(run.env, run.context, node.name, value, args, kwargs);
}

function constant(node: Extract<Expr, { kind: 'Const' }>): unknown {
  const value = node.value;
  return node.float && typeof value === 'number' && Number.isInteger(value) ? new PyFloat(value) : value;
}

function evalItems(items: Expr[], frame: JinjaFrame, run: Run): unknown[] {
  const values: unknown[] = [];
  for (let i = 0; i < items.length; i++) values.push(evalExpr(items[i], frame, run));
  return values;
}

function evalExpr(node: Expr, frame: JinjaFrame, run: Run): unknown {
  switch (node.kind) {
    case 'Const':
      return constant(node);
    case 'Name':
      return lookup(run.context, frame, node.name);
    case 'GetAttr': {
      const target = evalExpr(node.target, frame, run);
      if (target === undefined) {
        if (undefinedIsLenient()) return undefined;
        throw undefinedError(node.target);
      }
      return getattr(target, node.name);
    }
    case 'GetItem': {
      const target = evalExpr(node.target, frame, run);
      if (target === undefined && !undefinedIsLenient()) throw undefinedError(node.target);
      // The key is evaluated either way, as Jinja does before asking the Undefined for it.
      return getitem(target, evalExpr(node.key, frame, run));
    }
    case 'Call':
      return evalCall(node, frame, run);
    case 'Filter':
      return applyFilter(node, undefined, frame, run);
    case 'Binary': {
      switch (node.op) {
        case 'and': {
          const left = evalExpr(node.left, frame, run);
          return pyTruthy(left) ? evalExpr(node.right, frame, run) : left;
        }
        case 'or': {
          const left = evalExpr(node.left, frame, run);
          return pyTruthy(left) ? left : evalExpr(node.right, frame, run);
        }
      }
      const left = evalExpr(node.left, frame, run);
      const right = evalExpr(node.right, frame, run);
      switch (node.op) {
        case '~':
          return concat(left, right);
        case '+':
          return add(left, right);
        case '-':
          return sub(left, right);
        case '*':
          return mul(left, right);
        case '/':
          return div(left, right);
        case '//':
          return floordiv(left, right);
        case '%':
          return mod(left, right);
        case '**':
          return pow(left, right);
        default:
          throw pyError('TemplateSyntaxError', `unknown operator '${node.op}'`);
      }
    }
    case 'Unary': {
      const operand = evalExpr(node.operand, frame, run);
      return node.op === 'not' ? !pyTruthy(operand) : node.op === '-' ? neg(operand) : pos(operand);
    }
    case 'Compare': {
      let left = evalExpr(node.first, frame, run);
      for (const { op, expr } of node.ops) {
        const right = evalExpr(expr, frame, run);
        if (!compare(op, left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'Test': {
      const value = evalExpr(node.target, frame, run);
      const { args, kwargs } = evalArgs(node.args, frame, run);
      run.line = node.line + 1;
      return callTest(run.env, run.context, node.name, value, args, kwargs);
    }
    case 'CondExpr':
      if (pyTruthy(evalExpr(node.test, frame, run))) return evalExpr(node.body, frame, run);
      return node.else_ ? evalExpr(node.else_, frame, run) : undefined;
    case 'List':
      return evalItems(node.items, frame, run);
    case 'Tuple':
      return tuple(evalItems(node.items, frame, run));
    case 'Dict': {
      const flat: unknown[] = [];
      for (const [k, v] of node.pairs) flat.push(evalExpr(k, frame, run), evalExpr(v, frame, run));
      return dict(flat);
    }
    case 'Slice': {
      const target = evalExpr(node.target, frame, run);
      if (target === undefined && !undefinedIsLenient()) throw undefinedError(node.target);
      const part = (e: Expr | null): unknown => (e ? evalExpr(e, frame, run) : null);
      return slice(target, part(node.start), part(node.stop), part(node.step));
    }
  }
}

// ---------------------------------------------------------------- statements

function assign(target: Target, value: unknown, frame: JinjaFrame, run: Run, viaSet: boolean): void {
  switch (target.kind) {
    case 'name':
      if (viaSet) setVar(run.context, frame, target.name, value);
      else frame.vars[target.name] = value;
      return;
    case 'ns':
      setAttr(lookup(run.context, frame, target.name), target.attr, value);
      return;
    case 'tuple': {
      const items = unpack(value, target.items.length);
      target.items.forEach((item, i) => assign(item, items[i], frame, run, viaSet));
    }
  }
}

function execBody(body: Body | null, frame: JinjaFrame, run: Run): Flow {
  if (!body) return NORMAL;
  for (let i = 0; i < body.length; i++) {
    const flow = execStmt(body[i], frame, run);
    if (flow !== NORMAL) return flow;
  }
  return NORMAL;
}

/** Runs `body` writing into a separate buffer; returns the text and how the body ended. */
function capture(body: Body, frame: JinjaFrame, run: Run): { text: string; flow: Flow } {
  const outer = run.out;
  const map = run.map;
  run.map = undefined;
  run.out = '';
  try {
    const flow = execBody(body, frame, run);
    return { text: run.out, flow };
  } finally {
    run.out = outer;
    run.map = map;
  }
}

function defineMacro(node: MacroStmt | CallBlockStmt, frame: JinjaFrame, run: Run): JinjaFunction {
  const spec = macroSpecs.get(node)!;
  const { env, context, file } = run;
  const line = node.line + 1;
  const defaults = node.params.map((p) => (p.default ? (f: JinjaFrame) => evalExpr(p.default!, f, { env, context, file, line, out: '', map: undefined }) : null));
  return makeMacro(spec, frame, defaults, (f) => {
    const inner: Run = { env, context, file, line, out: '', map: undefined };
    try {
      execBody(node.body, f, inner);
    } catch (error) {
      throw annotate(error, file, inner.line);
    }
    return inner.out;
  });
}

function execStmt(node: Stmt, frame: JinjaFrame, run: Run): Flow {
  switch (node.kind) {
    case 'Text':
      if (run.map) run.map.push(run.out.length, 0, node.line, node.col);
      run.out += node.value;
      return NORMAL;
    case 'Output':
      run.line = node.expr.line + 1;
      if (run.map) run.map.push(run.out.length, 1, node.expr.line, node.expr.col);
      run.out += pyStr(evalExpr(node.expr, frame, run));
      return NORMAL;
  }
  run.line = node.line + 1;
  switch (node.kind) {
    case 'If':
      return pyTruthy(evalExpr(node.test, frame, run)) ? execBody(node.body, frame, run) : execBody(node.else_, frame, run);
    case 'For': {
      const { target, test, body } = node;
      const filter = test
        ? (item: unknown): boolean => {
            const f = frame.push();
            assign(target, item, f, run, false);
            return pyTruthy(evalExpr(test, f, run));
          }
        : null;
      const iterable = evalExpr(node.iter, frame, run);
      if (iterable === null) throw notIterableError(node.iter);
      const loop = startLoop(iterable, filter);
      while (loop._advance()) {
        const f = frame.push();
        f.vars.loop = loop;
        assign(target, loop._value, f, run, false);
        if (execBody(body, f, run) === BREAK) break;
      }
      if (loop.index0 < 0 && node.else_) return execBody(node.else_, frame.push(), run);
      return NORMAL;
    }
    case 'Set':
      assign(node.target, evalExpr(node.value, frame, run), frame, run, true);
      return NORMAL;
    case 'SetBlock': {
      const { text, flow } = capture(node.body, frame, run);
      if (flow !== NORMAL) return flow;
      assign(node.target, node.filter ? applyBlockFilter(node.filter, text, frame, run) : text, frame, run, true);
      return NORMAL;
    }
    case 'FilterBlock': {
      const { text, flow } = capture(node.body, frame, run);
      if (flow !== NORMAL) return flow;
      if (run.map) run.map.push(run.out.length, 1, node.line, node.col);
      run.out += pyStr(applyBlockFilter(node.filter, text, frame, run));
      return NORMAL;
    }
    case 'Macro':
      setVar(run.context, frame, node.name, defineMacro(node, frame, run));
      return NORMAL;
    case 'CallBlock': {
      const caller = defineMacro(node, frame, run);
      if (run.map) run.map.push(run.out.length, 1, node.line, node.col);
      run.out += pyStr(evalCall(node.call, frame, run, { caller }));
      return NORMAL;
    }
    case 'Do':
      evalExpr(node.expr, frame, run);
      return NORMAL;
    case 'With': {
      const values = node.values.map((value) => evalExpr(value, frame, run));
      const inner = frame.push();
      node.targets.forEach((target, i) => assign(target, values[i], inner, run, false));
      return execBody(node.body, inner, run);
    }
    case 'Break':
      return BREAK;
    case 'Continue':
      return CONTINUE;
  }
}

// ---------------------------------------------------------------- templates

/** What a compiled template offers: the full render and the macros-only load. */
export interface CompiledModule {
  /** nunjucks' entry point, so the nunjucks Template holding this module can render too. */
  root: (env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: (err: unknown, out?: string) => void) => void;
  render: (env: EnvLike, context: ContextLike) => string;
  /** Only the top-level macros, as dbt loads a macro file (the rest of the file does not run). */
  defineMacros: (env: EnvLike, context: ContextLike) => void;
}

/** Parses and checks newline-normalized template source; throws TemplateSyntaxError. */
export function compileJinja(env: EnvLike, source: string, file: string): CompiledModule {
  const root = parseTemplate(source);
  new Checker(env).body(root, 0, false, true);
  const render = (renderEnv: EnvLike, context: ContextLike): string => {
    const run: Run = { env: renderEnv, context, file, line: 1, out: '', map: pendingSourceMap };
    pendingSourceMap = undefined;
    try {
      execBody(root, rootFrame(), run);
    } catch (error) {
      if (error instanceof ReturnSignal) {
        throw annotate(pyError('TemplateRuntimeError', 'return() called outside a macro', 'return() ends a macro; a model renders its SQL instead'), file, run.line);
      }
      throw annotate(error, file, run.line);
    }
    return run.out;
  };
  const defineMacros = (renderEnv: EnvLike, context: ContextLike): void => {
    const run: Run = { env: renderEnv, context, file, line: 1, out: '', map: undefined };
    const frame = rootFrame();
    for (const child of root) {
      if (child.kind === 'Macro') {
        run.line = child.line + 1;
        execStmt(child, frame, run);
      }
    }
  };
  const rootFn: CompiledModule['root'] = (renderEnv, context, _frame, _runtime, cb) => {
    let out: string;
    try {
      out = render(renderEnv as EnvLike, context as ContextLike);
    } catch (error) {
      cb(error);
      return;
    }
    cb(null, out);
  };
  return { root: rootFn, render, defineMacros };
}
