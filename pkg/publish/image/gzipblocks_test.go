package image

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"testing"

	"github.com/klauspost/pgzip"
)

// TestGzipBlocksIsPgzip checks gzipBlocks against pgzip, whose stream it
// makes without pgzip's copies: the same bytes for streams of every shape
// of block (none full, full ones, a last one empty), whatever pieces the
// stream comes in and however many cores compress it.
func TestGzipBlocksIsPgzip(t *testing.T) {
	self, err := os.ReadFile(executable(t, 3*gzipBlockSize+12345).path) // machine code, as a layer holds
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, size := range []int{0, 1, gzipDictSize - 1, gzipDictSize + 1, gzipBlockSize - 1, gzipBlockSize, gzipBlockSize + 1, 2 * gzipBlockSize, 3*gzipBlockSize + 12345} {
		data := self[:size]
		want := pgzipped(t, data)
		for _, procs := range []int{1, 4} {
			runtime.GOMAXPROCS(procs)
			// The pieces a tar stream comes in: a header, the content,
			// the padding; cut elsewhere too, across blocks and dictionaries.
			cuts := []int{0, min(512, size), min(1536, size), max(size-gzipBlockSize-100, min(1536, size)), max(size-1000, min(1536, size)), size}
			var pieces [][]byte
			for i := 1; i < len(cuts); i++ {
				pieces = append(pieces, data[cuts[i-1]:cuts[i]])
			}
			parts, err := gzipBlocks(pieces)
			if err != nil {
				t.Fatal(err)
			}
			if got := bytes.Join(parts, nil); !bytes.Equal(got, want) {
				t.Errorf("%d bytes on %d cores: %s, pgzip %s", size, procs, describe(got), describe(want))
			}
		}
	}
}

func pgzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := pgzip.NewWriterLevel(&buf, pgzip.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	zw.ModTime = epoch.Time
	if err := zw.SetConcurrency(gzipBlockSize, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(zw, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func describe(b []byte) string {
	return fmt.Sprintf("%d bytes, sha256 %s", len(b), sha256Hex(b)[:12])
}
