/**
 * Turns the parsed template (jinja-parser.ts) into JavaScript that calls the Jinja runtime
 * (jinja-runtime.ts as `jinja`). nunjucks' own Compiler emits JavaScript semantics for nearly every
 * construct (`==`, `+`, truthiness, `%`, scoping, macro arguments), so its emitters are not reused;
 * the generated module still plugs into a nunjucks Template through its `root` function.
 *
 * Shape of the generated module:
 *   function macro_N(env, context, frame) { … }   one per top-level macro (dbt's macros)
 *   function render(env, context) → string          the whole template
 *   function defineMacros(env, context)               only the top-level macros, as dbt loads a macro file
 *   function root(env, context, frame, runtime, cb)   nunjucks' entry point, wraps render
 *
 * Every generated function keeps `lineno` current so an error carries the template line.
 */
import * as runtimeModule from './jinja-runtime.js';
import { type EnvLike } from './jinja-runtime.js';
import { TemplateSyntaxError, parseTemplate, type Body, type CallArgs, type CallExpr, type Expr, type FilterExpr, type Param, type Stmt, type Target } from './jinja-parser.js';
import { closestNames } from '../errors.js';
import type { NunjucksNode } from './nunjucks-internals.js';

class FunctionScope {
  readonly temps: string[] = [];
  buffer = 'output';
  loopDepth = 0;
  softDepth = 0;
}

const BINARY_HELPERS: Record<string, string> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '//': 'floordiv',
  '%': 'mod',
  '**': 'pow',
  '~': 'concat',
};

function str(value: string): string {
  return JSON.stringify(value);
}

type MacroStmt = Extract<Stmt, { kind: 'Macro' }>;
type ForStmt = Extract<Stmt, { kind: 'For' }>;

function isMacro(node: Stmt | NunjucksNode): node is MacroStmt {
  return (node as { kind?: string }).kind === 'Macro';
}

/** Every node below `node`, for "does this macro body use `kwargs`?". */
function* descendants(node: unknown): Generator<Record<string, unknown>> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) yield* descendants(item);
    return;
  }
  const record = node as Record<string, unknown>;
  yield record;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'line' || key === 'col' || key === 'lineno' || key === 'colno') continue;
    if (value !== null && typeof value === 'object') yield* descendants(value);
  }
}

function usesName(body: unknown, name: string): boolean {
  for (const node of descendants(body)) if (node.kind === 'Name' && node.name === name) return true;
  return false;
}

export class JinjaCompiler {
  private scope = new FunctionScope();
  private counter = 0;
  private readonly factories: string[] = [];

  constructor(
    private readonly env: EnvLike,
    private readonly file: string,
  ) {}

  compileRoot(root: Body): string {
    const defines: string[] = [];
    const render = this.functionCode('env, context', 1, () => {
      let code = 'var frame = jinja.rootFrame(), output = "";\n';
      let body = '';
      for (const child of root.children) {
        if (isMacro(child)) {
          const factory = this.macroFactory(child);
          const line = `jinja.setVar(context, frame, ${str(child.name)}, ${factory}(env, context, frame));\n`;
          body += `lineno = ${child.line + 1};\n${line}`;
          defines.push(line);
        } else body += this.stmt(child);
      }
      code += `try {\n${body}} catch (e) { throw jinja.annotate(e, FILE, lineno); }\nreturn output;\n`;
      return code;
    });
    return [
      '"use strict";',
      ...this.factories,
      `var render = ${render};`,
      `function defineMacros(env, context) {\nvar frame = jinja.rootFrame();\n${defines.join('')}}`,
      'function root(env, context, frame, runtime, cb) {\nvar out;\ntry { out = render(env, context); } catch (e) { cb(e); return; }\ncb(null, out);\n}',
      'return { root: root, render: render, defineMacros: defineMacros };',
    ].join('\n');
  }

  // ------------------------------------------------------------ functions and temps

  private temp(): string {
    const name = `t_${++this.counter}`;
    this.scope.temps.push(name);
    return name;
  }

  /** Compiles a JS function with its own temps, `lineno` and loop/soft state. */
  private functionCode(params: string, line: number, build: () => string): string {
    const outer = this.scope;
    this.scope = new FunctionScope();
    try {
      const code = build();
      const temps = this.scope.temps.length ? `var ${this.scope.temps.join(', ')};\n` : '';
      return `function (${params}) {\nvar lineno = ${line};\n${code}${temps}}`;
    } finally {
      this.scope = outer;
    }
  }

  private macroFactory(node: MacroStmt): string {
    const id = `macro_${++this.counter}`;
    const macro = this.macroExpr(node.name, node.params, node.body, true, node.line);
    this.factories.push(`function ${id}(env, context, frame) {\nreturn ${macro};\n}`);
    return id;
  }

  /** A `jinja.makeMacro(…)` expression; `frame` is the defining scope. */
  private macroExpr(name: string, params: Param[], body: Body, catchReturn: boolean, line: number): string {
    const spec = {
      name,
      args: params.map((p) => p.name),
      catchKwargs: usesName(body, 'kwargs'),
      catchVarargs: usesName(body, 'varargs'),
      caller: usesName(body, 'caller'),
      catchReturn,
    };
    const defaults = params.map((p) => (p.default ? this.functionCode('frame', line + 1, () => `return ${this.expr(p.default!)};\n`) : 'null'));
    const fn = this.functionCode('frame', line + 1, () => {
      const code = this.stmts(body);
      return `var output = "";\ntry {\n${code}} catch (e) { throw jinja.annotate(e, FILE, lineno); }\nreturn output;\n`;
    });
    return `jinja.makeMacro(${JSON.stringify(spec)}, frame, [${defaults.join(', ')}], ${fn})`;
  }

  // ------------------------------------------------------------ statements

  private stmts(body: Body | Stmt | null): string {
    if (!body) return '';
    if ((body as NunjucksNode).typename === 'NodeList' || (body as NunjucksNode).typename === 'Root') {
      return (body as Body).children.map((child) => this.stmt(child as Stmt)).join('');
    }
    return this.stmt(body as Stmt);
  }

  private fail(node: { line: number; col: number }, message: string, hint?: string): never {
    throw new TemplateSyntaxError(message, node.line + 1, node.col + 1, hint);
  }

  private stmt(node: Stmt): string {
    if (node.typename === 'Output') return this.output(node.children);
    if ((node as unknown as NunjucksNode).typename === 'NodeList') return this.stmts(node as unknown as Body);
    const s = node as Exclude<Stmt, { typename: 'Output' }>;
    const line = `lineno = ${s.line + 1};\n`;
    switch (s.kind) {
      case 'If': {
        this.scope.softDepth++;
        try {
          const test = this.expr(s.test);
          const body = this.stmts(s.body);
          const else_ = s.else_ ? ` else {\n${this.stmts(s.else_)}}` : '';
          return `${line}if (jinja.truthy(${test})) {\n${body}}${else_}\n`;
        } finally {
          this.scope.softDepth--;
        }
      }
      case 'For':
        return line + this.forLoop(s);
      case 'Set':
        return line + this.assign(s.target, this.expr(s.value), 'set');
      case 'SetBlock': {
        const buffer = this.temp();
        const body = this.capture(s.body, buffer);
        const value = s.filter ? this.filterChain(s.filter, buffer) : buffer;
        return `${line}${buffer} = "";\n${body}${this.assign(s.target, value, 'set')}`;
      }
      case 'FilterBlock': {
        const buffer = this.temp();
        const body = this.capture(s.body, buffer);
        return `${line}${buffer} = "";\n${body}${this.scope.buffer} += jinja.str(${this.filterChain(s.filter, buffer)});\n`;
      }
      case 'Macro':
        // A macro inside a block is local to it, like any assignment; `return()` passes through it.
        return `${line}jinja.setVar(context, frame, ${str(s.name)}, ${this.macroExpr(s.name, s.params, s.body, false, s.line)});\n`;
      case 'CallBlock': {
        const caller = this.macroExpr('caller', s.params, s.body, false, s.line);
        return `${line}${this.scope.buffer} += jinja.str(${this.callExpr(s.call, [['caller', caller]])});\n`;
      }
      case 'Do':
        return `${line}${this.expr(s.expr)};\n`;
      case 'With': {
        const values = s.values.map((v) => {
          const t = this.temp();
          return `${t} = ${this.expr(v)};\n`;
        });
        const temps = values.map((v) => v.slice(0, v.indexOf(' ')));
        const outer = this.temp();
        const assigns = s.targets.map((target, i) => this.assign(target, temps[i], 'local')).join('');
        const body = this.nested(() => this.stmts(s.body));
        return `${line}${values.join('')}${outer} = frame;\nframe = ${outer}.push();\n${assigns}${body}frame = ${outer};\n`;
      }
      case 'Break':
      case 'Continue':
        if (this.scope.loopDepth === 0) this.fail(s, `'{% ${s.kind.toLowerCase()} %}' outside a for loop`);
        return `${line}${s.kind.toLowerCase()};\n`;
      default:
        return this.fail(s as { line: number; col: number }, `cannot compile '${(s as { kind: string }).kind}'`);
    }
  }

  private output(children: Array<NunjucksNode | Expr>): string {
    let code = '';
    for (const child of children) {
      if ((child as NunjucksNode).typename === 'TemplateData') {
        const text = String((child as NunjucksNode).value ?? '');
        if (text) code += `${this.scope.buffer} += ${str(text)};\n`;
      } else {
        const expr = child as Expr;
        code += `lineno = ${expr.line + 1};\n${this.scope.buffer} += jinja.str(${this.expr(expr)});\n`;
      }
    }
    return code;
  }

  /** Compiles a body writing to another buffer variable (block set, filter block). */
  private capture(body: Body, buffer: string): string {
    const outer = this.scope.buffer;
    this.scope.buffer = buffer;
    try {
      return this.stmts(body);
    } finally {
      this.scope.buffer = outer;
    }
  }

  /** A new scope level that is not "soft" (unknown filters there fail at compile time, as in Jinja). */
  private nested<T>(build: () => T): T {
    const soft = this.scope.softDepth;
    this.scope.softDepth = 0;
    try {
      return build();
    } finally {
      this.scope.softDepth = soft;
    }
  }

  /** Assigns `value` (JS code) to a target: `set` writes the scope (the template at top level). */
  private assign(target: Target, value: string, mode: 'set' | 'local'): string {
    switch (target.kind) {
      case 'name':
        return mode === 'set' ? `jinja.setVar(context, frame, ${str(target.name)}, ${value});\n` : `frame.vars[${str(target.name)}] = ${value};\n`;
      case 'ns':
        if (mode !== 'set') this.fail(target, 'a namespace attribute can only be assigned with {% set %}');
        return `jinja.setAttr(jinja.lookup(context, frame, ${str(target.name)}), ${str(target.attr)}, ${value});\n`;
      case 'tuple': {
        const items = this.temp();
        return `${items} = jinja.unpack(${value}, ${target.items.length});\n${target.items.map((item, i) => this.assign(item, `${items}[${i}]`, mode)).join('')}`;
      }
    }
  }

  private forLoop(s: ForStmt): string {
    const outer = this.temp();
    const loop = this.temp();
    const iter = this.expr(s.iter);
    let filter = 'null';
    if (s.test) {
      const test = s.test;
      filter = this.functionCode('item', s.line + 1, () =>
        this.nested(() => {
          const assign = this.assign(s.target, 'item', 'local');
          return `var frame = ${outer}.push();\n${assign}return jinja.truthy(${this.expr(test)});\n`;
        }),
      );
    }
    this.scope.loopDepth++;
    let body: string;
    try {
      body = this.nested(() => this.stmts(s.body));
    } finally {
      this.scope.loopDepth--;
    }
    const else_ = s.else_ ? `if (${loop}.index0 < 0) {\nframe = ${outer}.push();\n${this.nested(() => this.stmts(s.else_))}frame = ${outer};\n}\n` : '';
    return (
      `${outer} = frame;\n${loop} = jinja.loop(${iter}, ${filter});\n` +
      `while (${loop}._advance()) {\nframe = ${outer}.push();\nframe.vars.loop = ${loop};\n${this.assign(s.target, `${loop}._value`, 'local')}${body}}\n` +
      `frame = ${outer};\n${else_}`
    );
  }

  // ------------------------------------------------------------ expressions

  /** A readable name for an expression, for error messages ("'foo.bar' is undefined"). */
  private describe(node: Expr): string {
    switch (node.kind) {
      case 'Name':
        return node.name;
      case 'GetAttr':
        return `${this.describe(node.target)}.${node.name}`;
      case 'GetItem':
        return node.key.kind === 'Const' ? `${this.describe(node.target)}[${JSON.stringify(node.key.value === null ? 'None' : String(node.key.value))}]` : `${this.describe(node.target)}[…]`;
      case 'Call':
        return `${this.describe(node.fn)}()`;
      case 'Filter':
        return node.target ? `${this.describe(node.target)}|${node.name}` : node.name;
      default:
        return 'value';
    }
  }

  private args(call: CallArgs): { args: string; kwargs: string } {
    const args = `[${call.args.map((a) => this.expr(a)).join(', ')}]`;
    if (!call.kwargs.length) return { args, kwargs: 'null' };
    const pairs = call.kwargs.map(([name, value]) => `${name === '__proto__' ? `[${str(name)}]` : str(name)}: ${this.expr(value)}`);
    return { args, kwargs: `{${pairs.join(', ')}}` };
  }

  private callExpr(node: CallExpr, extraKwargs: Array<[string, string]> = []): string {
    const { args } = this.args(node.call);
    const pairs = node.call.kwargs.map(([name, value]) => `${name === '__proto__' ? `[${str(name)}]` : str(name)}: ${this.expr(value)}`);
    for (const [name, code] of extraKwargs) pairs.push(`${str(name)}: ${code}`);
    const kwargs = pairs.length ? `{${pairs.join(', ')}}` : 'null';
    const desc = str(this.describe(node.fn));
    const at = `lineno = ${node.line + 1}, `;
    if (node.call.starArgs || node.call.starKwargs) {
      const fn = this.expr(node.fn);
      const star = node.call.starArgs ? this.expr(node.call.starArgs) : 'undefined';
      const starKw = node.call.starKwargs ? this.expr(node.call.starKwargs) : 'undefined';
      return `(${at}jinja.callDynamic(${fn}, ${desc}, ${args}, ${kwargs}, ${star}, ${starKw}, context))`;
    }
    if (node.fn.kind === 'GetAttr') {
      const target = this.expr(node.fn.target);
      return `(${at}jinja.callMethod(${target}, ${str(node.fn.name)}, ${str(this.describe(node.fn.target))}, ${args}, ${kwargs}, context))`;
    }
    return `(${at}jinja.call(${this.expr(node.fn)}, ${desc}, ${args}, ${kwargs}, context))`;
  }

  private checkKnown(kind: 'filter' | 'test', name: string, node: { line: number; col: number }): void {
    const registry = kind === 'filter' ? this.env.filters : this.env.tests;
    if (typeof registry[name] === 'function' || this.scope.softDepth > 0) return;
    const close = closestNames(name, Object.keys(registry));
    this.fail(node, `no ${kind} named '${name}'`, close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : undefined);
  }

  /** A filter chain applied to `input` (JS code) — the innermost filter's target is `input`. */
  private filterChain(node: FilterExpr, input: string): string {
    const target = node.target ? (node.target.kind === 'Filter' ? this.filterChain(node.target, input) : this.expr(node.target)) : input;
    return this.filterCall(node, target);
  }

  private filterCall(node: FilterExpr, target: string): string {
    this.checkKnown('filter', node.name, node);
    if (node.call.starArgs || node.call.starKwargs) this.fail(node, '*args and **kwargs in filter arguments are not supported');
    const { args, kwargs } = this.args(node.call);
    return `(lineno = ${node.line + 1}, jinja.callFilter(env, context, ${str(node.name)}, ${target}, ${args}, ${kwargs}))`;
  }

  private expr(node: Expr): string {
    switch (node.kind) {
      case 'Const':
        return this.constant(node.value, node.float === true);
      case 'Name':
        return `jinja.lookup(context, frame, ${str(node.name)})`;
      case 'Tuple':
        return `jinja.tuple([${node.items.map((i) => this.expr(i)).join(', ')}])`;
      case 'List':
        return `[${node.items.map((i) => this.expr(i)).join(', ')}]`;
      case 'Dict':
        return `jinja.dict([${node.pairs.map(([k, v]) => `${this.expr(k)}, ${this.expr(v)}`).join(', ')}])`;
      case 'GetAttr':
        return `jinja.getattr(${this.expr(node.target)}, ${str(node.name)}, ${str(this.describe(node.target))})`;
      case 'GetItem':
        return `jinja.getitem(${this.expr(node.target)}, ${this.expr(node.key)}, ${str(this.describe(node.target))})`;
      case 'Slice': {
        const part = (e: Expr | null): string => (e ? this.expr(e) : 'null');
        return `jinja.slice(${this.expr(node.target)}, ${part(node.start)}, ${part(node.stop)}, ${part(node.step)}, ${str(this.describe(node.target))})`;
      }
      case 'Call':
        return this.callExpr(node);
      case 'Filter':
        if (!node.target) return this.fail(node, 'a filter needs a value');
        return this.filterCall(node, this.expr(node.target));
      case 'Test': {
        this.checkKnown('test', node.name, node);
        if (node.args.starArgs || node.args.starKwargs) this.fail(node, '*args and **kwargs in test arguments are not supported');
        const { args, kwargs } = this.args(node.args);
        return `jinja.callTest(env, context, ${str(node.name)}, ${this.expr(node.target)}, ${args}, ${kwargs})`;
      }
      case 'Unary':
        if (node.op === 'not') return `!jinja.truthy(${this.expr(node.operand)})`;
        return `jinja.${node.op === '-' ? 'neg' : 'pos'}(${this.expr(node.operand)})`;
      case 'Binary': {
        if (node.op === 'and' || node.op === 'or') {
          const t = this.temp();
          const left = this.expr(node.left);
          const right = this.expr(node.right);
          return node.op === 'and' ? `(jinja.truthy(${t} = ${left}) ? ${right} : ${t})` : `(jinja.truthy(${t} = ${left}) ? ${t} : ${right})`;
        }
        return `jinja.${BINARY_HELPERS[node.op]}(${this.expr(node.left)}, ${this.expr(node.right)})`;
      }
      case 'Compare': {
        if (node.ops.length === 1) return `jinja.compare(${str(node.ops[0].op)}, ${this.expr(node.first)}, ${this.expr(node.ops[0].expr)})`;
        const rest = node.ops.map((op) => `function () { return ${this.expr(op.expr)}; }`);
        return `jinja.compareChain(${this.expr(node.first)}, ${JSON.stringify(node.ops.map((o) => o.op))}, [${rest.join(', ')}])`;
      }
      case 'CondExpr': {
        this.scope.softDepth++;
        try {
          const else_ = node.else_ ? this.expr(node.else_) : 'undefined';
          return `(jinja.truthy(${this.expr(node.test)}) ? ${this.expr(node.body)} : ${else_})`;
        } finally {
          this.scope.softDepth--;
        }
      }
    }
  }

  private constant(value: string | number | bigint | boolean | null, float: boolean): string {
    if (typeof value === 'string') return str(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'number') {
      if (float && Number.isInteger(value)) return `new jinja.PyFloat(${value})`;
      return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : '-Infinity';
    }
    return String(value);
  }
}

/** What a compiled template offers: the full render and the macros-only load. */
export interface CompiledModule {
  root: (env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: (err: unknown, out?: string) => void) => void;
  render: (env: EnvLike, context: runtimeModule.ContextLike) => string;
  defineMacros: (env: EnvLike, context: runtimeModule.ContextLike) => void;
}

// A plain object is faster to read from than a module namespace.
const jinja: Record<string, unknown> = { ...runtimeModule };

/** Compiles newline-normalized template source; throws TemplateSyntaxError. */
export function compileJinja(env: EnvLike, source: string, file: string): CompiledModule {
  const code = new JinjaCompiler(env, file).compileRoot(parseTemplate(source));
  const factory = new Function('jinja', 'FILE', code) as (runtime: unknown, file: string) => CompiledModule;
  return factory(jinja, file);
}
