-- wrk script: GET the URL given on the command line with the bearer token from SCIMD_TOKEN.
local token = os.getenv("SCIMD_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
