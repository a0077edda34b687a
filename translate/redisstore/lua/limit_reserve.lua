-- KEYS[1] payer day, KEYS[2] corridor day, KEYS[3] reservation.
-- ARGV[1] amount, ARGV[2] payer limit, ARGV[3] corridor limit (0: none),
-- ARGV[4] when the day's keys expire (Unix ms). Amounts are integers below
-- 2^53, which Lua numbers hold exactly.
-- {0}: reserved (or already held); {1, used}: payer limit; {2, used}: corridor limit.
if redis.call('EXISTS', KEYS[3]) == 1 then return {0, 0} end
local amount = tonumber(ARGV[1])
local payer = tonumber(redis.call('GET', KEYS[1]) or '0')
local corridor = tonumber(redis.call('GET', KEYS[2]) or '0')
local pmax, cmax = tonumber(ARGV[2]), tonumber(ARGV[3])
if pmax > 0 and (amount > pmax or payer > pmax - amount) then return {1, payer} end
if cmax > 0 and (amount > cmax or corridor > cmax - amount) then return {2, corridor} end
for i = 1, 2 do
  redis.call('INCRBY', KEYS[i], ARGV[1])
  redis.call('PEXPIREAT', KEYS[i], ARGV[4])
end
redis.call('HSET', KEYS[3], 'a', ARGV[1], 's', 'p')
redis.call('PEXPIREAT', KEYS[3], ARGV[4])
return {0, 0}
