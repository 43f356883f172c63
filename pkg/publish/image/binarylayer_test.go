package image

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/types"
)

// executable writes size bytes of machine code, the start of the test
// binary itself, where a goPackage build puts its binary: what a layer
// compresses is then what it compresses in use, not a pattern.
func executable(t testing.TB, size int) binary {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		t.Fatalf("the test binary is smaller than %d bytes: %v", size, err)
	}
	bin := binary{path: filepath.Join(t.TempDir(), "hello"), name: "hello"}
	if err := os.WriteFile(bin.path, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestBinaryLayerIsReproducible: the layer is gzipped in blocks on all
// cores, and still the same binary gives the same digest whatever the
// number of cores and however the blocks are scheduled.
func TestBinaryLayerIsReproducible(t *testing.T) {
	bin := executable(t, 3*gzipBlockSize+12345) // blocks, and a partial one
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first string
	for _, procs := range []int{1, 2, 4, 8, 2, 1} {
		runtime.GOMAXPROCS(procs)
		l, err := newBinaryLayer(bin, types.DockerLayer)
		if err != nil {
			t.Fatal(err)
		}
		got := l.digest.String() + " " + l.diffID.String()
		if first == "" {
			first = got
		}
		if got != first {
			t.Errorf("with GOMAXPROCS=%d: digest and diff ID %s, first %s", procs, got, first)
		}
	}
}

// TestBinaryLayerHashes checks the layer against itself: its digest is
// the hash of its compressed bytes, its diff ID that of the tar, and the
// tar, read back with the standard library's gzip (as registries and
// runtimes do), holds the binary.
func TestBinaryLayerHashes(t *testing.T) {
	bin := executable(t, gzipBlockSize+1)
	l, err := newBinaryLayer(bin, types.OCILayer)
	if err != nil {
		t.Fatal(err)
	}
	compressed := readAll(t, l.Compressed)
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatal(err)
	}
	tarball, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() { // a 0 in the header, as the epoch's layers have
		t.Errorf("the gzip header is stamped %v, want no time", zr.ModTime)
	}
	if got := readAll(t, l.Uncompressed); !bytes.Equal(got, tarball) {
		t.Errorf("Uncompressed gives %d bytes, the standard library's gzip %d", len(got), len(tarball))
	}
	want, err := os.ReadFile(bin.path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(tarball, want) {
		t.Error("the tar does not hold the binary")
	}
	for _, c := range []struct{ what, got, want string }{
		{"digest", l.digest.Hex, sha256Hex(compressed)},
		{"diff ID", l.diffID.Hex, sha256Hex(tarball)},
	} {
		if c.got != c.want {
			t.Errorf("%s %s, want %s", c.what, c.got, c.want)
		}
	}
	if size, _ := l.Size(); size != int64(len(compressed)) {
		t.Errorf("size %d, want %d", size, len(compressed))
	}
	if mt, _ := l.MediaType(); mt != types.OCILayer {
		t.Errorf("media type %s, want %s", mt, types.OCILayer)
	}
}

func readAll(t *testing.T, open func() (io.ReadCloser, error)) []byte {
	t.Helper()
	rc, err := open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hexSum(sum[:])
}

// TestTarOfKeepsTheContent checks that the layer's tar holds the binary
// where it lies, not a copy (archive/tar hands it on as given), and is the
// tar archive/tar writes.
func TestTarOfKeepsTheContent(t *testing.T) {
	content := []byte("\x7fELF and the rest of a binary")
	pieces, err := tarOf("hello", content)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(pieces, func(p []byte) bool { return len(p) == len(content) && &p[0] == &content[0] }) {
		t.Error("the content was copied into the tar")
	}
	var want bytes.Buffer
	tw := tar.NewWriter(&want)
	for _, h := range []*tar.Header{
		{Typeflag: tar.TypeDir, Name: "app/", Mode: 0o755, ModTime: epoch.Time, Format: tar.FormatPAX},
		{Typeflag: tar.TypeReg, Name: "app/hello", Mode: 0o755, Size: int64(len(content)), ModTime: epoch.Time, Format: tar.FormatPAX},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if got := bytes.Join(pieces, nil); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the pieces make %d bytes, not archive/tar's %d", len(got), want.Len())
	}
}
