-- KEYS[1] quote; ARGV[1] digest, ARGV[2] expiry (Unix ms).
-- 1: issued (or already issued with this digest); -1: issued with another digest.
local v = redis.call('GET', KEYS[1])
if v then
  if v == ARGV[1] then return 1 end
  return -1
end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
return 1
