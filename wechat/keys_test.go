package wechat

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
)

// Fixed test keys (made with openssl for these tests only): generating
// them at run time costs each test binary seconds on a loaded machine.
var testKey, weakKey = pemKey(`-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAtHzsE0R/mMUHv+VnY1jDbVjOQ34Ewg43z4w6TaRqWqV/Nf5r
f9dekQPTr9l5x49uoOrZgRpi2D4xRcmrfpN2KGlpFbMVW2auXxNTZUbpmgP6WX7Z
gAwMhW2Yw+SrtVObengPq0UYbSvPIuXvExYIYb6SX/FenEcffeRs1u/NIxr7HZ+J
fGs5jGf1t8B5MAJB5vkgKTCVsONlydCdAeLfton77Fwvj3/+1kwCGLzI4f+/23ap
RefeQGI7XtBeS2jx5BqAW58046UjjB00d7owDphPgdTLHlOox3ujibCkl246mnJU
ZSM1fQoNhlp2iEp4zz8JE6pK7duTxdWYuUCu9wIDAQABAoIBADMGnjdURj6KdYZq
9K/BiH6BfM7X8cBrBJxIqLMKqIa4Ax7grsOVv8Z/rnkooqUoh742pwc4znkUHBn+
yd0fE2iZZHweBQuyG9oFPK6FPcWtGjnzAsqQnXmbYnT/UQwSdwJIryVcg2tZ11Wm
a9CZigUYO4mkU3sbIGwXCC473WLu5BhbEGw4aVcMjdhzS6B8NNTDT8v0RP743Uiu
UwWVpUZ7xk7HNfRWgbe75m8BELbXKmJrgw1n1pLDC9bKJBl3j2mqOLb4JcsjL49U
r5L2WcYb0pMoriepXsiJGzpFZPVlirjq53BH6Q8EI7CWD4jqSUHsaRU9TaFm2NEP
3SdB6wECgYEA4sv/StOta5i6QgUiCSUpbmamGztgz70AyBSTjtAdHyFliNl55+2A
KFBMlp2FrN0j/h895STcgGaT6wS96A2IOLVTeAZWsEx6+BvcBPWazSWpBJTmATSY
r8dRRR+4vYUP0YvP1xkbR1rX+KphNi7BmXTq+PvwMWwLzSAd+W2B8rUCgYEAy7ps
1cVbyxXc8YdF8/grNk54ic16pdpFQ+6OeAiIljDDAGnMjKsctu9CppPfII1fDlB6
kdKihikJlIbd6urQrv8dN6A24IKzv74DTQau6AsfllMiDxp7qEiRVfdx8cFP0WyD
F6vDfYNI0HusUSpPlcnkDIhihBTDCKNi+g6+CnsCgYEAjq8G0v2veiTg8Y4nJpfB
pBpiYHmP48IlzrrbRpr5507sgRdJUbeizDoQpSU/J00NSuA+4X26V/GxF8eo7mgt
DnhNphJe0ZWcO6HTXy9hj7Uky6QdvB5p/RSptZJKeLlRBWUvgkTiW5b0jxYqCJuL
406iUbi3GXC/T/LnyLezbI0CgYEAkwCk8adj8emHsLwUTNNgkuISdhTPkAcsfbUQ
FirKK91ph83PrBz4LkP8iugeU4XO9iw6FSiw3y+TWxnp3U2sYOlycqXnkx6chxmb
liPhZ0xHcZfw9ob8fVRHkolnLbN4Xbv358en2tQ1YUIr97EZFhNEu4pZ08aLaJtE
mvyyQisCgYAt5/05/zrLX+4oZ2sGtTUi9cxLM0pb7C/VoJioyFKkwj472EkcXeD2
nDaCWVnP/Ke3Egl+SGfkpI8AlnuKN2aglQPESBC4HpZc+cClgMKcHoXP/s6xs5EP
g6Uwy4o4W41AyCEG/OqpMuBwQwHJbCDS0RTzhoqz0wvSbFO0dSbybA==
-----END RSA PRIVATE KEY-----`), pemKey(`-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDKDxhekCR0MhID8MHT+gmbYwl4ZgLWeKW+TjnnFkkN3MBVN8Og
+IKMRQ7hdXBJzSr4Nt7U4FJ1FAKXG6WoO+7Xlbu05j/zBEow3AzRIdUHU55GEFa+
k5GvPtGMELO6Ypm0G+1o3HIDgM4uw5X4DaMz+8NaES41n3H+GIddU4R3owIDAQAB
AoGAaPMePT+xL4kyQkmy419jzgnKyXZy0uMnc4k+GgFBQKoAXELyoZFyfVkBOam+
ARdH0lTtuLQrIBSco9AAYzl9/B6Fos63d/S/Cjfgrqt0BBSP1z16oBBDqTn3x4gc
RaMmKdIuYMIpinUO7nEcXuvny6pHsf0MRnCK5EAw8AhrIEECQQD8ZreUy+kSuKGf
2lWP/l5abZv7WQNAMKwqA3HT22XXR5WLgDJrJehLyW9qwg72knGtSqgWx9BNY0uX
oPmgGw+1AkEAzPCgB8t3xbdZwcz+/3+Lm9hvQuH0R55txVH4yXsnAQi90SmBZ0rt
rFB33widR95YKSTqBAoTwuqAmpyBeNkQ9wJBALU03XoTRzrsmQTV0HX3ji/n34N9
bWsJRqFHJdKPAjejqgakPA5XAcZfUQFZXzrA+qIKJlFslOzqa9vpcy3yH70CQQCD
7ow3OGc8o1JnDt9CAAwSIf1OY0PtLzKfiqvMmTl80vHPyxaBNp1XBt6EeHk4IQ1E
P31faFVcb7am0gYPlD31AkAwXPfuIKYuAhOT44zIax2PgE+fCHgH8p08naJicUkD
/v1F8hR1bFlr9LyN+mYeIpgGyY6dsBz/bPVXumD3+HxH
-----END RSA PRIVATE KEY-----`)

func pemKey(s string) *rsa.PrivateKey {
	b, _ := pem.Decode([]byte(s))
	k, err := x509.ParsePKCS1PrivateKey(b.Bytes)
	if err != nil {
		panic(err)
	}
	return k
}
