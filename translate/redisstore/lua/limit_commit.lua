-- KEYS[1] reservation. 1: committed; 0: no such reservation.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 's', 'c')
return 1
