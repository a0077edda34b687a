//go:build amd64 && !purego

#include "textflag.h"

// func decodeBase64Blocks(dst, src *byte, n int, t *[8][16]byte) int
//
// Per 16 characters: split each byte into nibbles; a character is outside
// the alphabet when its nibbles' class masks (tables 0 and 1) share a bit,
// and then the loop stops before the block. Otherwise add the roll for the
// high nibble (table 2) to get six-bit values, pack pairs into twelve bits
// (PMADDUBSW) and pairs of those into twenty-four (PMADDWD, which Go
// spells PMADDWL), and shuffle
// the 24-bit values into 12 bytes, high byte first; the store writes 16.
TEXT ·decodeBase64Blocks(SB), NOSPLIT, $0-40
	MOVQ  dst+0(FP), DI
	MOVQ  src+8(FP), SI
	MOVQ  n+16(FP), CX
	MOVQ  t+24(FP), DX
	MOVOU 0(DX), X8    // classes by low nibble
	MOVOU 16(DX), X9   // class by high nibble
	MOVOU 32(DX), X10  // roll by high nibble
	MOVOU 48(DX), X11  // 0x0F
	MOVOU 64(DX), X12  // '/'
	MOVOU 80(DX), X13  // 64, 1
	MOVOU 96(DX), X14  // 4096, 1
	MOVOU 112(DX), X15 // byte order
	XORQ  AX, AX       // characters decoded

loop:
	MOVQ CX, BX
	SUBQ AX, BX
	CMPQ BX, $16
	JB   done
	MOVOU (SI)(AX*1), X0
	MOVO  X0, X1
	PSRLL $4, X1
	PAND  X11, X1 // high nibbles
	MOVO  X0, X2
	PAND  X11, X2 // low nibbles
	MOVO  X8, X3
	PSHUFB X2, X3
	MOVO  X9, X4
	PSHUFB X1, X4
	PAND  X3, X4 // non-zero where a character is outside the alphabet
	PXOR  X5, X5
	PCMPEQB X5, X4
	PMOVMSKB X4, BX
	CMPL  BX, $0xFFFF
	JNE   done
	MOVO  X0, X5
	PCMPEQB X12, X5 // -1 where '/'
	PADDB X1, X5
	MOVO  X10, X6
	PSHUFB X5, X6
	PADDB X6, X0 // six-bit values
	PMADDUBSW X13, X0
	PMADDWL X14, X0 // PMADDWD
	PSHUFB X15, X0
	MOVQ  AX, BX
	SHRQ  $2, BX
	LEAQ  (BX)(BX*2), BX // 3 bytes per 4 characters
	MOVOU X0, (DI)(BX*1)
	ADDQ  $16, AX
	JMP   loop

done:
	MOVQ AX, ret+32(FP)
	RET
