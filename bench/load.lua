-- load.lua: wrk script for bench/load.sh: a cadre's mix of reads and writes over one session.
-- Per request: 40% member list page, 15% name search, 15% one member, 10% org statistics,
-- 12% member create (a fresh valid ID number per thread and request, region 9992xx–9994xx,
-- which the demo street does not use), 8% phone change of a member from BENCH_IDS.
-- Env: BENCH_COOKIE, BENCH_CSRF, BENCH_ORG, BENCH_BRANCH, BENCH_IDS (comma-separated).
local cookie, csrf = os.getenv("BENCH_COOKIE"), os.getenv("BENCH_CSRF")
local org, branch = os.getenv("BENCH_ORG"), os.getenv("BENCH_BRANCH")
local ids = {}
for id in os.getenv("BENCH_IDS"):gmatch("%d+") do table.insert(ids, id) end
local FACTORS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local NAMES = { "%E7%8E%8B", "%E6%9D%8E", "zh", "w", "%E5%BC%A0", "%E5%88%98" } -- 王 李 zh w 张 刘
local count = 0

function setup(thread)
    count = count + 1
    thread:set("tid", count)
end

local seq = 0
local NUMERALS = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" }

-- n in Chinese numerals digit by digit (a name may hold no ASCII digits).
local function numerals(n)
    return (tostring(n):gsub("%d", function(d) return NUMERALS[tonumber(d) + 1] end))
end

-- An 18-character ID number with its ISO 7064 MOD 11-2 check character; unique per thread
-- (tid) and n < 97,000.
local function id_number(n)
    local k = math.floor(n / 1000)
    local body = string.format("999%03d%04d0101%03d", tid * 200 + k % 97, 1950 + k % 50, n % 1000)
    local sum = 0
    for i = 1, 17 do sum = sum + tonumber(body:sub(i, i)) * FACTORS[i] end
    local c = sum % 11 + 1
    return body .. ("10X98765432"):sub(c, c)
end

local function headers(json)
    local h = { ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf }
    if json then h["Content-Type"] = "application/json" end
    return h
end

function request()
    local r = math.random(100)
    if r <= 40 then
        return wrk.format("GET", "/api/members?org=" .. org .. "&page=" .. math.random(20) .. "&size=20", headers())
    elseif r <= 55 then
        return wrk.format("GET", "/api/members?org=" .. org .. "&q=" .. NAMES[math.random(#NAMES)], headers())
    elseif r <= 70 then
        return wrk.format("GET", "/api/members/" .. ids[math.random(#ids)], headers())
    elseif r <= 80 then
        return wrk.format("GET", "/api/orgs/" .. org .. "/stats", headers())
    elseif r <= 92 then
        seq = seq + 1
        local body = string.format('{"name":"压测%s号","id_number":"%s","org_id":%s}',
            numerals(tid * 100000 + seq), id_number(seq), branch)
        return wrk.format("POST", "/api/members", headers(true), body)
    end
    local body = string.format('{"phone":"139%08d"}', math.random(99999999))
    return wrk.format("PATCH", "/api/members/" .. ids[math.random(#ids)], headers(true), body)
end
