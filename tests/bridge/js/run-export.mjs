// SPDX-License-Identifier: MIT
// Runs a Sagascope export on an outside interpreter and prints what the participants saw.
//
//   node run-export.mjs asl|bpmn EXPORTED_FILE SCENARIOS.json
//
// asl:  aws-local-stepfunctions runs the state machine; every Task state's resource is replaced
//       by a local handler (taskResourceLocalHandlers), retry pauses by 0 ms.
// bpmn: bpmn-engine runs the process; a job worker written to docs/BRIDGE.md's contract serves
//       every service task (zeebe:taskDefinition), and Zeebe's variable mappings (zeebe:ioMapping
//       outputs) and the FEEL conditions the export writes are given to bpmn-engine as an
//       extension and an expression resolver.
//
// SCENARIOS.json: {"latencyMs": {"step": 40, ...}, "compensationLatencyMs": 5,
//                  "scenarios": [{"name": "...", "fail": {"step": "s", "kind": "business|technical|timeout",
//                                                         "attempts": N},
//                                  "failCompensation": {"step": "s", "attempts": N}}]}
// A failing step's first N attempts fail that way (business: every attempt); the others succeed;
// a failing compensation's first N attempts fail for a technical reason.
// Every attempt of a step's action takes its latency (default 20 ms; a timed-out one 5 ms more,
// the step's timeoutMs in tst_bridgeexec), a compensation 5 ms.
// A "timeout" attempt applies the effect and then reports the timeout (a slow reply, SPEC 3).
//
// Output, one JSON object a line per scenario:
//   {"name": "...", "outcome": "completed|compensated|stuck", "detail": "...",
//    "calls": [{"op": "action|compensation", "step": "s", "attempt": 1, "start": 0, "end": 12,
//               "result": "ok|business|technical|timeout", "t0": 0.0, "t1": 40.2}]}
// `t0` and `t1` are milliseconds since the scenario began; `start` and `end` are sequence numbers of one clock that counts every call's start and end, so
// "X ended before Y started" is `X.end < Y.start`.

// aws-local-stepfunctions 3 uses two APIs of newer Node releases; Debian 12 has Node 18.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
if (typeof AbortSignal.any !== 'function') {
  AbortSignal.any = function any(signals) {
    const controller = new AbortController();
    for (const signal of signals) {
      if (signal.aborted) {
        controller.abort(signal.reason);
        break;
      }
      signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    }
    return controller.signal;
  };
}

import { readFileSync } from 'node:fs';

const [format, file, scenariosFile] = process.argv.slice(2);
if (!['asl', 'bpmn'].includes(format) || !file || !scenariosFile) {
  console.error('usage: node run-export.mjs asl|bpmn EXPORTED_FILE SCENARIOS.json');
  process.exit(2);
}
const source = readFileSync(file, 'utf8');
const plan = JSON.parse(readFileSync(scenariosFile, 'utf8'));
const latencyMs = plan.latencyMs ?? {};
const compensationLatencyMs = plan.compensationLatencyMs ?? 5;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The participants of one scenario: they record every call and fail as the scenario says. */
class Participants {
  constructor(scenario) {
    this.fail = scenario.fail ?? null;
    this.failCompensation = scenario.failCompensation ?? null;
    this.calls = [];
    this.clock = 0;
    this.attempts = new Map();
    this.pending = new Set();
    this.began = performance.now();
  }

  /** One call; resolves to "ok" or the failure kind. */
  async call(op, step) {
    const key = `${op}/${step}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const now = () => Math.round((performance.now() - this.began) * 10) / 10;
    const record = { op, step, attempt, start: this.clock++, end: -1, result: 'ok', t0: now(), t1: -1 };
    this.calls.push(record);
    const fail = this.fail;
    let result = 'ok';
    if (op === 'action' && fail && fail.step === step) {
      if (fail.kind === 'business' || attempt <= (fail.attempts ?? 1))
        result = fail.kind;
    }
    const fc = this.failCompensation;
    if (op === 'compensation' && fc && fc.step === step && attempt <= (fc.attempts ?? 1))
      result = 'technical';
    const work = (async () => {
      const latency = op === 'action' ? latencyMs[step] ?? 20 : compensationLatencyMs;
      await sleep(result === 'timeout' ? latency + 5 : latency); // a timeout ends at the step's timeoutMs
      record.end = this.clock++;
      record.t1 = now();
      record.result = result;
      return result;
    })();
    this.pending.add(work);
    const r = await work;
    this.pending.delete(work);
    return r;
  }

  async settle() {
    while (this.pending.size)
      await Promise.allSettled([...this.pending]);
  }
}

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

// ---------------------------------------------------------------------------------------------
// ASL

let aslMachine = null;

async function runAsl(scenario) {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = JSON.parse(source);
  // Built once: the constructor checks the definition against the States Language (asl-validator).
  aslMachine = aslMachine ?? new StateMachine(definition);
  const participants = new Participants(scenario);
  const handlers = {};
  const intervals = {};
  const visit = (states) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') {
        const compensation = name.startsWith('compensate-');
        const step = compensation ? name.slice('compensate-'.length) : name;
        handlers[name] = async () => {
          const result = await participants.call(compensation ? 'compensation' : 'action', step);
          if (result === 'business') throw namedError('Sagascope.BusinessFailure', `${step}: business failure`);
          if (result === 'technical') throw namedError('Error', `${step}: technical failure`);
          if (result === 'timeout') throw namedError('States.Timeout', `${step}: timed out`);
          return { ok: true };
        };
        intervals[name] = 0;
      }
      for (const branch of state.Branches ?? []) visit(branch.States);
    }
  };
  visit(definition.States);
  participants.began = performance.now();
  const execution = aslMachine.run({}, {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: intervals },
    // The Context Object the export reads ($$.Execution.Id: the saga's instance id).
    context: { Execution: { Id: `arn:aws:states:local:0:execution:saga:${scenario.name.replace(/[^A-Za-z0-9_-]/g, '_')}` } },
  });
  let outcome, detail;
  try {
    await execution.result;
    outcome = 'completed';
  } catch (error) {
    const name = error?.cause?.name ?? error?.name ?? String(error);
    const message = String(error?.message ?? '');
    detail = `${name}: ${message}`;
    outcome = /SagaCompensated/.test(detail) ? 'compensated' : 'stuck';
  }
  await participants.settle();
  return { outcome, detail, calls: participants.calls };
}

// ---------------------------------------------------------------------------------------------
// BPMN

/** The FEEL the export writes: "=true", "=false", "=name", "=name = true", "=not(name = true)". */
function feel(expression, variables) {
  const text = expression.trim().replace(/^=/, '').trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  let m = /^not\((.*)\)$/.exec(text);
  if (m) return !feel(m[1], variables);
  m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(true|false)$/.exec(text);
  if (m) return variables[m[1]] === (m[2] === 'true');
  m = /^([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  if (m) return variables[m[1]] ?? null;
  throw new Error(`FEEL expression the harness does not know: ${expression}`);
}

function extensionValues(activity, type) {
  const values = activity.behaviour?.extensionElements?.values ?? [];
  return values.filter((v) => v.$type === type);
}

let zeebeFlows = false;

/**
 * Zeebe moves tokens only along the flows it takes: a flow not taken carries nothing, and a
 * parallel join waits for a token on each incoming flow. bpmn-engine also sends "discard" along
 * every flow not taken (dead-path elimination) and a join counts a discard as an arrival, so an
 * exclusive merge that later also passes a real token sends two arrivals from one source and the
 * join waits for ever. The harness ends a discard where it starts, the way bpmn-elements itself
 * ends a discard that loops: tokens then flow as on Zeebe.
 */
async function likeZeebe() {
  if (zeebeFlows) return;
  const { SequenceFlow } = await import('bpmn-elements');
  SequenceFlow.prototype.discard = function discard(content = {}) {
    return this._publishEvent('looped', content);
  };
  zeebeFlows = true;
}

async function runBpmn(scenario) {
  const { Engine } = await import('bpmn-engine');
  await likeZeebe();
  const participants = new Participants(scenario);
  let outcome = null;
  let detail = '';
  const variables = {};
  let engine;
  let incident = null;
  const ends = [];

  // The job worker of docs/BRIDGE.md: retries a job up to its `retries`; a business failure, or a
  // compensatable step's attempts run out, is the BPMN error BUSINESS_FAILURE (with the variable
  // sagascope_timedOut when the last attempt timed out); any other job whose retries run out is
  // an incident (the instance waits for a person: stuck).
  function Worker(activity) {
    const definition = extensionValues(activity, 'zeebe:taskDefinition')[0];
    const headers = {};
    for (const h of extensionValues(activity, 'zeebe:taskHeaders')[0]?.$children ?? []) headers[h.key] = h.value;
    const retries = Number(definition?.retries ?? 3);
    const compensation = headers['sagascope.operation'] === 'compensation';
    const step = headers['sagascope.step'] ?? activity.id;
    return {
      execute(message, callback) {
        (async () => {
          for (let attempt = 1; ; ++attempt) {
            const result = await participants.call(compensation ? 'compensation' : 'action', step);
            if (result === 'ok') return callback(null, {});
            if (result === 'business') {
              variables.sagascope_timedOut = false;
              const error = namedError('BpmnError', `${step}: business failure`);
              error.code = 'BUSINESS_FAILURE';
              return callback(error);
            }
            if (attempt < retries) continue;
            if (!compensation && headers['sagascope.kind'] === 'compensatable') {
              variables.sagascope_timedOut = result === 'timeout';
              const error = namedError('BpmnError', `${step}: attempts ran out`);
              error.code = 'BUSINESS_FAILURE';
              return callback(error);
            }
            incident = `${step}: job retries ran out (incident)`;
            engine.stop();
            return undefined;
          }
        })();
      },
    };
  }

  const extensions = {
    sagascope(activity) {
      if (activity.type === 'bpmn:ServiceTask') activity.behaviour.Service = Worker;
      const outputs = extensionValues(activity, 'zeebe:ioMapping')[0]?.$children?.filter((c) => c.$type === 'zeebe:output') ?? [];
      if (outputs.length) {
        activity.on('end', () => {
          const scope = { ...variables };
          for (const o of outputs) variables[o.target] = feel(o.source, scope);
        });
      }
      if (activity.type === 'bpmn:EndEvent') {
        activity.on('end', () => {
          ends.push(activity.id);
          if (activity.id === 'saga-completed') outcome = outcome ?? 'completed';
          else if (activity.id === 'saga-compensated') outcome = outcome ?? 'compensated';
        });
      }
    },
  };
  const expressions = {
    resolveExpression(text) {
      if (typeof text === 'string' && text.startsWith('=')) return feel(text, variables);
      return text;
    },
    isExpression: (text) => typeof text === 'string' && text.startsWith('='),
    hasExpression: (text) => typeof text === 'string' && text.startsWith('='),
  };
  engine = new Engine({ name: 'saga', source, extensions, expressions });
  const finished = new Promise((resolve) => {
    engine.once('end', () => resolve('end'));
    engine.once('stop', () => resolve('stop'));
    engine.once('error', (error) => {
      detail = String(error?.message ?? error);
      resolve('error');
    });
  });
  // A process that waits for ever (a join waiting for a token that never comes) stops nowhere:
  // it is stuck once, for a whole second, no participant was called and the engine moved no token
  // (every activity and flow event counts). A second in which this process itself was starved (the
  // timer fired late on a loaded machine) proves nothing and is not counted.
  let settled = false;
  finished.then(() => {
    settled = true;
  });
  let moves = 0;
  const listener = { emit: () => ++moves };
  const progress = () => participants.clock + moves;
  const idle = (async () => {
    let seen = -1;
    while (!settled) {
      const before = performance.now();
      await sleep(1000);
      const starved = performance.now() - before > 1250;
      if (!settled && !starved && participants.pending.size === 0 && progress() === seen) return 'waits';
      seen = progress();
    }
    return 'settled';
  })();
  await engine.execute({ listener });
  const how = await Promise.race([finished, idle]);
  if (how === 'waits') engine.stop();
  await participants.settle();
  if (incident) {
    outcome = 'stuck';
    detail = incident;
  } else if (how !== 'end' || !outcome) {
    outcome = 'stuck';
    detail = detail || `the process did not reach an end event (${how})`;
  }
  return { outcome, detail, ends, calls: participants.calls };
}

// ---------------------------------------------------------------------------------------------

const run = format === 'asl' ? runAsl : runBpmn;
for (const scenario of plan.scenarios) {
  let report;
  try {
    report = await run(scenario);
  } catch (error) {
    report = { outcome: 'error', detail: String(error?.stack ?? error), calls: [] };
  }
  process.stdout.write(JSON.stringify({ name: scenario.name, ...report }) + '\n');
}
