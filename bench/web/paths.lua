-- wrk script for bench/web/run.py: every request GETs a random path from a file of paths.
-- Usage: wrk ... URL -- PATHS_FILE  (one path per line, already URL-encoded).
-- done() prints one "RESULT key=value ..." line that run.py parses: wrk's own report has no
-- p95, and it counts only statuses > 399 as errors, so non-200 answers are counted here.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local requests = {}
non200 = 0
last_bad = 0  -- the status of the last non-200 answer, to tell a 429 from a 500

function init(args)
  for line in io.lines(args[1]) do
    -- as a browser asks: it takes gzip (the server keeps its pages gzipped)
    requests[#requests + 1] = wrk.format("GET", line, {["Accept-Encoding"] = "gzip"})
  end
  math.randomseed(os.time() * 1000 + id)  -- distinct per thread
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    last_bad = status
  end
end

function done(summary, latency, _)
  local bad, last = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non200")
    if thread:get("last_bad") ~= 0 then last = thread:get("last_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f non200=%d"
      .. " last_bad=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, last, e.connect, e.read, e.write, e.timeout))
end
