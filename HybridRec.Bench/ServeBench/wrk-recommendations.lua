-- wrk cross-check of serve-bench's GET: random users 1..N (ml-latest-small's ids are 1..610), count=3; counts non-2xx.
-- wrk -t2 -c32 -d30s --latency -s HybridRec.Bench/ServeBench/wrk-recommendations.lua http://127.0.0.1:5080 -- 610
local users = 610
failures = 0   -- global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then users = tonumber(args[1]) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", "/users/" .. math.random(1, users) .. "/recommendations?count=3")
end

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("failures") end
  io.write(string.format("non-200 responses: %d\n", bad))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("p%d: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
