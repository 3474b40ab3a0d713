// Run API calls through the official tencentcloud-sdk-nodejs-intl-en, unchanged.
// argv[2]: the SDK's install prefix; stdin: JSON {endpoint, method, signMethod, secretId,
// secretKey, token (optional), region, calls: [{service, version, action, params}]}, where a `service` the SDK
// has a client for uses that client (`<service>.<version>.Client`), any other the CommonClient.
// stdout: one JSON line per call, {"ok": true, "response": ...} or {"ok": false, "code": ...}.
"use strict";
const path = require("path");
const sdk = require(path.join(process.argv[2], "node_modules", "tencentcloud-sdk-nodejs-intl-en"));
const common = require(path.join(
  process.argv[2], "node_modules", "tencentcloud-sdk-nodejs-intl-en", "tencentcloud", "common"
));

function client(setup, call) {
  const profile = new common.ClientProfile(
    setup.signMethod,
    new common.HttpProfile("http://", setup.endpoint, setup.method)
  );
  const credential = new common.Credential(setup.secretId, setup.secretKey, setup.token);
  const module = sdk[call.service];
  const versionKey = "v" + call.version.replace(/-/g, "");
  if (module && module[versionKey] && module[versionKey].Client) {
    return [new module[versionKey].Client(credential, setup.region, profile), true];
  }
  const host = call.service + ".intl.tencentcloudapi.com";
  return [new common.CommonClient(host, call.version, credential, setup.region, profile), false];
}

function run(setup, call) {
  return new Promise((resolve) => {
    const [api, typed] = client(setup, call);
    const done = (error, response) =>
      resolve(error ? { ok: false, code: error.code, message: error.message } : { ok: true, response });
    if (typed) {
      api[call.action](call.params, done);
    } else {
      api.request(call.action, call.params, {}, done);
    }
  });
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
