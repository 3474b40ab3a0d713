// Run API calls through an official Node.js SDK, unchanged: the international edition
// (tencentcloud-sdk-nodejs-intl-en 3.x) or the domestic one (tencentcloud-sdk-nodejs 4.x),
// whichever the install prefix holds.
// argv[2]: the SDK's install prefix; stdin: JSON {endpoint, method, signMethod, secretId,
// secretKey, token (optional), region, timeout (optional: the SDK's per-request timeout, in
// seconds), keepAlive (optional: one client per service, version and endpoint, reused, each
// on its own keep-alive connection), calls: [{service, version, action, params, options,
// body, headers, endpoint}]}, where a call's `endpoint` replaces the setup's (a path per
// service: "127.0.0.1:PORT/cvm"), a `service` the SDK has a client for uses that client
// (`<service>.<version>.Client`), any other, or a call with `options` (`{"multipart": true}`)
// or a `body` (base64: sent by `requestOctetStream`, `headers` on the profile), the CommonClient.
// stdout: one JSON line per call, {"ok": true, "response": ...} (a Server-Sent Events answer:
// {"ok": true, "events": [each event's data]}) or {"ok": false, "code", "httpCode", "requestId"},
// with the call's wall time in milliseconds, "ms".
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");

const PREFIX = process.argv[2];
const DOMESTIC = fs.existsSync(path.join(PREFIX, "node_modules", "tencentcloud-sdk-nodejs"));
const PACKAGE = DOMESTIC ? "tencentcloud-sdk-nodejs" : "tencentcloud-sdk-nodejs-intl-en";
const root = path.join(PREFIX, "node_modules", PACKAGE, "tencentcloud");
const common = require(path.join(root, "common"));
const kept = new Map();

// One service's module, loaded on first use: the SDK's index loads all ~130 of them (the
// domestic one's ~260), a second or more per run on a busy machine. Undefined for a service
// the SDK lacks. The domestic SDK keeps them under services/, each exporting its name.
const services = new Map();
function serviceModule(name) {
  if (!services.has(name)) {
    let module;
    try {
      const where = DOMESTIC ? path.join(root, "services", name) : path.join(root, name);
      module = DOMESTIC ? require(where)[name] : require(where);
    } catch (error) {
      if (error.code !== "MODULE_NOT_FOUND") throw error;
    }
    services.set(name, module);
  }
  return services.get(name);
}

// The domestic 4.x clients take one config object; the international 3.x ones positional
// arguments and profile classes.
function construct(Client, leading, setup, endpoint, headers) {
  const timeout = setup.timeout || 60;
  if (DOMESTIC) {
    const httpProfile = {
      endpoint, reqMethod: setup.method, protocol: "http://", reqTimeout: timeout, headers,
    };
    if (setup.keepAlive) httpProfile.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const credential = {
      secretId: setup.secretId, secretKey: setup.secretKey, token: setup.token || undefined,
    };
    const config = {
      credential, region: setup.region, profile: { signMethod: setup.signMethod, httpProfile },
    };
    return new Client(...leading, config);
  }
  const profileHttp = new common.HttpProfile("http://", endpoint, setup.method, timeout);
  if (headers) profileHttp.headers = headers;
  const profile = new common.ClientProfile(setup.signMethod, profileHttp);
  const credential = new common.Credential(setup.secretId, setup.secretKey, setup.token);
  return new Client(...leading, credential, setup.region, profile);
}

function client(setup, call) {
  const endpoint = call.endpoint || setup.endpoint;
  const module = /^[a-z0-9]+$/.test(call.service) ? serviceModule(call.service) : undefined;
  const versionKey = "v" + call.version.replace(/-/g, "");
  const plain = !call.options && call.body === undefined;
  const typedClass = module && module[versionKey] && module[versionKey].Client;
  const typed = plain && typedClass && typeof typedClass.prototype[call.action] === "function";
  const key = [call.service, call.version, endpoint, typed].join(" ");
  if (setup.keepAlive && kept.has(key)) return [kept.get(key), typed];
  const host = call.service + (DOMESTIC ? ".tencentcloudapi.com" : ".intl.tencentcloudapi.com");
  const api = typed
    ? construct(typedClass, [], setup, endpoint, call.headers)
    : construct(common.CommonClient, [host, call.version], setup, endpoint, call.headers);
  if (setup.keepAlive) kept.set(key, api);
  return [api, typed];
}

function run(setup, call) {
  return new Promise((resolve) => {
    const [api, typed] = client(setup, call);
    const done = (error, response) => {
      if (error) {
        const { code, httpCode, message, requestId } = error;
        resolve({ ok: false, code, httpCode, message, requestId });
      } else if (response && response[Symbol.asyncIterator]) events(response).then(resolve);
      else resolve({ ok: true, response });
    };
    let pending;
    if (typed) {
      pending = api[call.action](call.params, done);
    } else if (call.body !== undefined) {
      pending = api.requestOctetStream(call.action, Buffer.from(call.body, "base64"), {}, done);
    } else {
      pending = api.request(call.action, call.params, call.options || {}, done);
    }
    // the domestic clients also reject their promise when they call back with an error
    if (pending && typeof pending.catch === "function") pending.catch(() => {});
  });
}

async function events(stream) {
  const data = [];
  try {
    for await (const message of stream) data.push(message.data);
  } catch (error) {
    return { ok: false, code: error.code, message: error.message };
  }
  return { ok: true, events: data };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const setup = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  for (const call of setup.calls) {
    const start = process.hrtime.bigint();
    const outcome = await run(setup, call);
    outcome.ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify(outcome) + "\n");
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
