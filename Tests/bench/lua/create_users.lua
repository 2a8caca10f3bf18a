-- wrk script: POST /Users with a unique userName per request (thread id + counter).
local counter = 0
local threadId = 0
local tag = os.time()
local token = os.getenv("SCIMD_TOKEN")
local nextThread = 0

function setup(thread)
  nextThread = nextThread + 1
  thread:set("tid", nextThread)
end

function init(args)
  threadId = tid or 0
end

function request()
  counter = counter + 1
  local user = string.format("bench-%d-%d-%d@example.com", tag, threadId, counter)
  local body = string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"Bench","familyName":"User%d"},"displayName":"Bench User","active":true,"emails":[{"value":"%s","type":"work","primary":true}]}', user, counter, user)
  return wrk.format("POST", "/api/v1/scim/Users", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/scim+json"}, body)
end
