-- wrk script: GET /Users pages of 100 at random offsets over SCIMD_TOTAL users.
local token = os.getenv("SCIMD_TOKEN")
local total = tonumber(os.getenv("SCIMD_TOTAL") or "100000")
math.randomseed(os.time())
function request()
  local start = math.random(1, math.max(1, total - 100))
  return wrk.format("GET", "/api/v1/scim/Users?startIndex=" .. start .. "&count=100", {["Authorization"] = "Bearer " .. token})
end
