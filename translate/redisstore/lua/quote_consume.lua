-- Compare-and-delete. KEYS[1] quote; ARGV[1] digest.
-- 1: consumed; 0: unknown, expired or used; -1: another digest (left in place).
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
if v ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1])
return 1
