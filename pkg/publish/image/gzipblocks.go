package image

import (
	"bytes"
	byteorder "encoding/binary"
	"hash/crc32"
	"runtime"
	"sync/atomic"

	"github.com/klauspost/compress/flate"
	"golang.org/x/sync/errgroup"
)

// gzipBlockSize is the size of the pieces the binary layer is gzipped in,
// each on its own core. The compressed bytes, and so the layer's digest,
// depend on it (and on the level), never on the number of cores: changing
// it changes the digest of every goPackage image once.
const gzipBlockSize = 1 << 20

// gzipDictSize is how much of the input before a block primes its
// compressor, so that the blocks compress nearly as well as one stream:
// pgzip's 16 KB, with which the bytes are pgzip's own.
const gzipDictSize = 16 << 10

// gzipBlocks gzips the stream made of the pieces in, at the fastest level,
// as pgzip does: cut into blocks of gzipBlockSize, each deflated on a core
// of its own, primed with the gzipDictSize bytes before it and flushed to a
// byte boundary, so that the blocks' deflate streams join into one; the
// last closes the stream. The result is that stream's pieces in order
// (header, blocks, trailer), bit for bit what pgzip writes, which a test
// holds.
//
// Why not pgzip itself: its Write copies every block into a buffer of its
// own, and each compressed block into the caller's writer, and its pool
// hands buffers back to other cores rarely enough that a 6 MB binary went
// through 12 MB of memory the process had never touched (3,200 page
// faults). On a virtual machine a fresh page costs more to fault in than
// its 4 KB cost to compress: that was half of a goPackage build's own
// time. Here the blocks are read where the pieces lie (the binary mapped
// from its file) and each compressed block stays where its compressor
// wrote it, so that fresh memory is almost only the compressed stream and
// a compressor per core (1,200 page faults; BenchmarkBinaryLayer reports
// them). The compressing is klauspost's flate's; what is written here is
// pgzip's framing (the blocks, a 10-byte header, an 8-byte trailer), and
// TestGzipBlocksIsPgzip holds it to pgzip's bytes, so that going back to
// pgzip, once it can compress the caller's memory in place, changes no
// image's digest.
func gzipBlocks(in [][]byte) ([][]byte, error) {
	var size int
	for _, p := range in {
		size += len(p)
	}
	// Blocks of the full size and the last, with what is left: empty when
	// the size is a multiple of the block size, as pgzip ends a stream.
	blocks := size/gzipBlockSize + 1
	out := make([][]byte, blocks+2)
	// Deflate, no flags, the epoch's time, the fastest level, OS unknown.
	out[0] = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255}
	byteorder.LittleEndian.PutUint32(out[0][4:8], uint32(epoch.Unix()))
	var next atomic.Int64
	g := new(errgroup.Group)
	for range min(runtime.GOMAXPROCS(0), blocks) {
		g.Go(func() error {
			zw, err := flate.NewWriter(nil, flate.BestSpeed)
			if err != nil {
				return err
			}
			for k := int(next.Add(1) - 1); k < blocks; k = int(next.Add(1) - 1) {
				start, end := k*gzipBlockSize, min((k+1)*gzipBlockSize, size)
				// The capacity a block can take, incompressible; pages
				// are faulted in only as the compressor writes them.
				buf := bytes.NewBuffer(make([]byte, 0, end-start+(end-start)>>4+64))
				zw.ResetDict(buf, dict(in, start))
				for _, p := range slice(in, start, end) {
					if _, err := zw.Write(p); err != nil {
						return err
					}
				}
				if err := zw.Flush(); err != nil {
					return err
				}
				if k == blocks-1 {
					if err := zw.Close(); err != nil {
						return err
					}
				}
				out[k+1] = buf.Bytes()
			}
			return nil
		})
	}
	crc := crc32.NewIEEE()
	for _, p := range in {
		crc.Write(p)
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out[blocks+1] = byteorder.LittleEndian.AppendUint32(byteorder.LittleEndian.AppendUint32(nil, crc.Sum32()), uint32(size))
	return out, nil
}

// dict is the input before offset start that primes its block: none for
// the first block, else the gzipDictSize bytes before it, from the pieces
// themselves when one holds them all.
func dict(in [][]byte, start int) []byte {
	if start == 0 {
		return nil
	}
	d := slice(in, start-gzipDictSize, start)
	if len(d) == 1 {
		return d[0]
	}
	return bytes.Join(d, nil)
}

// slice returns the bytes from start to end of the stream made of the
// pieces in, as parts of the pieces, not a copy.
func slice(in [][]byte, start, end int) [][]byte {
	var parts [][]byte
	offset := 0
	for _, p := range in {
		from, to := max(start-offset, 0), min(end-offset, len(p))
		if from < to {
			parts = append(parts, p[from:to])
		}
		offset += len(p)
	}
	return parts
}
