-- KEYS[1] payment's refunds (hash: t total, r:<id> "amount:before").
-- ARGV[1] refund ID, ARGV[2] amount (0: the rest), ARGV[3] paid, ARGV[4] window ms.
-- {0, before, added}: recorded; {1, total}: over what was paid; {2}: the ID with another amount.
local old = redis.call('HGET', KEYS[1], 'r:' .. ARGV[1])
local amount = tonumber(ARGV[2])
if old then
  local sep = string.find(old, ':', 1, true)
  local a, b = tonumber(string.sub(old, 1, sep - 1)), tonumber(string.sub(old, sep + 1))
  if amount ~= 0 and amount ~= a then return {2} end
  return {0, b, a}
end
local total = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
local paid = tonumber(ARGV[3])
if amount == 0 then amount = paid - total end
if amount <= 0 or amount > paid - total then return {1, total, amount} end
redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], amount .. ':' .. total, 't', total + amount)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {0, total, amount}
