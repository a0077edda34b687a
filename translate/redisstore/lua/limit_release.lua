-- KEYS[1] payer day, KEYS[2] corridor day, KEYS[3] reservation; ARGV[1] amount.
-- Gives back up to ARGV[1] of what the reservation holds; never below zero.
local left = tonumber(redis.call('HGET', KEYS[3], 'a'))
if not left then return 0 end
local give = math.min(tonumber(ARGV[1]), left)
for i = 1, 2 do
  local used = tonumber(redis.call('GET', KEYS[i]))
  if used then redis.call('DECRBY', KEYS[i], math.min(give, used)) end
end
if left == give then
  redis.call('DEL', KEYS[3])
else
  redis.call('HINCRBY', KEYS[3], 'a', -give)
end
return give
