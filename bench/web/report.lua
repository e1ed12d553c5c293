-- wrk script of the web benchmark: counts responses by status class in every thread, and prints one
-- line "BENCH_RESULT {json}" at the end with the totals and the latency percentiles (microseconds).
-- wrk itself counts only statuses above 399 as errors, so a redirect to the login page would pass
-- unnoticed without the 3xx count here.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, redirects, other, first_other = 0, 0, 0, 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status >= 300 and status < 400 then
    redirects = redirects + 1
    if first_other == 0 then first_other = status end
  else
    other = other + 1
    if first_other == 0 then first_other = status end
  end
end

function done(summary, latency, requests)
  local totals = {ok = 0, redirects = 0, other = 0, first_other = 0}
  for _, thread in ipairs(threads) do
    totals.ok = totals.ok + thread:get("ok")
    totals.redirects = totals.redirects + thread:get("redirects")
    totals.other = totals.other + thread:get("other")
    if totals.first_other == 0 then totals.first_other = thread:get("first_other") end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, "wrk_status_errors": %d, ' ..
    '"status": {"2xx": %d, "3xx": %d, "other": %d, "first_non_2xx": %d}, ' ..
    '"latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, ' ..
    '"p50": %d, "p75": %d, "p90": %d, "p95": %d, "p99": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.timeout, e.status,
    totals.ok, totals.redirects, totals.other, totals.first_other,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99)))
end
