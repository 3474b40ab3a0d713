// Run API calls through the official tencentcloud-sdk-nodejs-intl-en, unchanged.
// argv[2]: the SDK's install prefix; stdin: JSON {endpoint, method, signMethod, secretId,
// secretKey, token (optional), region, calls: [{service, version, action, params, options,
// body, headers}]}, where a `service` the SDK has a client for uses that client
// (`<service>.<version>.Client`), any other, or a call with `options` (`{"multipart": true}`)
// or a `body` (base64: sent by `requestOctetStream`, `headers` on the profile), the CommonClient.
// stdout: one JSON line per call, {"ok": true, "response": ...} (a Server-Sent Events answer:
// {"ok": true, "events": [each event's data]}) or {"ok": false, "code": ...}.
"use strict";
const path = require("path");
const root = path.join(process.argv[2], "node_modules", "tencentcloud-sdk-nodejs-intl-en", "tencentcloud");
const common = require(path.join(root, "common"));

// One service's module, loaded on first use: the SDK's index loads all ~130 of them, a
// second or more per run on a busy machine. Undefined for a service the SDK lacks.
const services = new Map();
function serviceModule(name) {
  if (!services.has(name)) {
    let module;
    try {
      module = require(path.join(root, name));
    } catch (error) {
      if (error.code !== "MODULE_NOT_FOUND") throw error;
    }
    services.set(name, module);
  }
  return services.get(name);
}

function client(setup, call) {
  const http = new common.HttpProfile("http://", setup.endpoint, setup.method);
  if (call.headers) http.headers = call.headers;
  const profile = new common.ClientProfile(setup.signMethod, http);
  const credential = new common.Credential(setup.secretId, setup.secretKey, setup.token);
  const module = /^[a-z0-9]+$/.test(call.service) ? serviceModule(call.service) : undefined;
  const versionKey = "v" + call.version.replace(/-/g, "");
  const plain = !call.options && call.body === undefined;
  const typed = module && module[versionKey] && module[versionKey].Client;
  if (plain && typed && typeof typed.prototype[call.action] === "function") {
    return [new typed(credential, setup.region, profile), true];
  }
  const host = call.service + ".intl.tencentcloudapi.com";
  return [new common.CommonClient(host, call.version, credential, setup.region, profile), false];
}

function run(setup, call) {
  return new Promise((resolve) => {
    const [api, typed] = client(setup, call);
    const done = (error, response) => {
      if (error) resolve({ ok: false, code: error.code, message: error.message });
      else if (response && response[Symbol.asyncIterator]) events(response).then(resolve);
      else resolve({ ok: true, response });
    };
    if (typed) {
      api[call.action](call.params, done);
    } else if (call.body !== undefined) {
      api.requestOctetStream(call.action, Buffer.from(call.body, "base64"), {}, done);
    } else {
      api.request(call.action, call.params, call.options || {}, done);
    }
  });
}

async function events(stream) {
  const data = [];
  for await (const message of stream) data.push(message.data);
  return { ok: true, events: data };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const setup = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  for (const call of setup.calls) {
    process.stdout.write(JSON.stringify(await run(setup, call)) + "\n");
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
