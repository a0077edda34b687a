//go:build amd64 && !purego

#include "textflag.h"

// reverseMask reverses the sixteen bytes of a register, so that the first
// byte of the text is the most significant byte of the polynomial.
DATA reverseMask<>+0(SB)/8, $0x08090a0b0c0d0e0f
DATA reverseMask<>+8(SB)/8, $0x0001020304050607
GLOBL reverseMask<>(SB), RODATA|NOPTR, $16

// FOLD replaces acc by acc·x^(8·distance) + the block at off(SI), with k
// holding x^distance mod P (low word) and x^(distance+64) mod P (high).
#define FOLD(acc, k, off) \
	MOVOU  off(SI), X5      \
	PSHUFB X8, X5           \
	MOVO   acc, X4          \
	PCLMULQDQ $0x11, k, acc \
	PCLMULQDQ $0x00, k, X4  \
	PXOR   X4, acc          \
	PXOR   X5, acc

// MERGE replaces next by acc·x^128 + next; X10 holds the 128-bit constants.
#define MERGE(acc, next) \
	MOVO   acc, X4           \
	PCLMULQDQ $0x11, X10, acc \
	PCLMULQDQ $0x00, X10, X4  \
	PXOR   X4, acc           \
	PXOR   acc, next

// func crcFold(acc *[16]byte, p *byte, n int, k *[4]uint64)
//
// Four accumulators fold blocks 64 bytes apart, so that four carry-less
// multiplications are in flight at once; they are merged into one, which
// then folds the last blocks one at a time. n is a multiple of 16, at
// least 48.
TEXT ·crcFold(SB), NOSPLIT, $0-32
	MOVQ  acc+0(FP), AX
	MOVQ  p+8(FP), SI
	MOVQ  n+16(FP), CX
	MOVQ  k+24(FP), DX
	MOVOU reverseMask<>(SB), X8
	MOVOU 0(DX), X10 // x^128, x^192 mod P
	MOVOU 16(DX), X9 // x^512, x^576 mod P
	MOVOU (AX), X0
	PSHUFB X8, X0
	MOVOU 0(SI), X1
	PSHUFB X8, X1
	MOVOU 16(SI), X2
	PSHUFB X8, X2
	MOVOU 32(SI), X3
	PSHUFB X8, X3
	ADDQ  $48, SI
	SUBQ  $48, CX

loop4:
	CMPQ CX, $64
	JB   merge
	FOLD(X0, X9, 0)
	FOLD(X1, X9, 16)
	FOLD(X2, X9, 32)
	FOLD(X3, X9, 48)
	ADDQ $64, SI
	SUBQ $64, CX
	JMP  loop4

merge:
	MERGE(X0, X1)
	MERGE(X1, X2)
	MERGE(X2, X3)

loop1:
	CMPQ CX, $16
	JB   done
	FOLD(X3, X10, 0)
	ADDQ $16, SI
	SUBQ $16, CX
	JMP  loop1

done:
	PSHUFB X8, X3
	MOVOU  X3, (AX)
	RET

// func cpuid1ECX() uint32
TEXT ·cpuid1ECX(SB), NOSPLIT, $0-4
	MOVL  $1, AX
	XORL  CX, CX
	CPUID
	MOVL  CX, ret+0(FP)
	RET
