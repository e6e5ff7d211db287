-- Counts responses of the release page that are not exactly one published version.
-- Version A holds "Fassung A" in title and lead, version B "Fassung B"; a response with both,
-- or with neither, mixes old and new content.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  mixed, failed, version_a, version_b = 0, 0, 0, 0
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    return
  end
  local a = string.find(body, "Fassung A", 1, true) ~= nil
  local b = string.find(body, "Fassung B", 1, true) ~= nil
  if a == b then
    mixed = mixed + 1
  elseif a then
    version_a = version_a + 1
  else
    version_b = version_b + 1
  end
end

function done(summary, latency, requests)
  local totals = {mixed = 0, failed = 0, version_a = 0, version_b = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  io.write(string.format("PRESSROOM mixed=%d failed=%d version_a=%d version_b=%d\n",
    totals.mixed, totals.failed, totals.version_a, totals.version_b))
end
