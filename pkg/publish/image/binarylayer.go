package image

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/klauspost/compress/gzip"
)

// binaryLayer is the layer that holds a goPackage binary. It is made in
// one pass over the binary, mapped from its file: the tar stream is
// hashed (the diff ID) while it is gzipped, and the gzip stream hashed
// (the digest) and kept, so that nothing is compressed, decompressed or
// hashed a second time, as go-containerregistry's tarball layers would to
// learn the hashes. The binary is the largest thing a build handles; this
// is most of the build's own time.
type binaryLayer struct {
	compressed [][]byte // the gzip stream, in pieces
	size       int64
	digest     v1.Hash
	diffID     v1.Hash
	mediaType  types.MediaType
}

// newBinaryLayer writes the layer's tar: the directory and the binary,
// owned by root, stamped with the epoch, in a fixed order, so that the
// same binary always gives the same layer. It is gzipped with gzipBlocks,
// on all cores (after the compiler, the build has the machine to itself),
// while the diff ID is hashed.
func newBinaryLayer(bin binary, mt types.MediaType) (*binaryLayer, error) {
	content, unmap, err := mapFile(bin.path)
	if err != nil {
		return nil, err
	}
	defer unmap()
	tarball, err := tarOf(bin.name, content)
	if err != nil {
		return nil, err
	}
	diffID := make(chan []byte, 1)
	go func() { diffID <- sha256Sum(tarball) }()
	compressed, err := gzipBlocks(tarball)
	// Both read the mapping: the hash too is over before it is unmapped.
	tarSum := <-diffID
	if err != nil {
		return nil, err
	}
	l := &binaryLayer{compressed: compressed, mediaType: mt}
	for _, p := range compressed {
		l.size += int64(len(p))
	}
	l.digest = v1.Hash{Algorithm: "sha256", Hex: hexSum(sha256Sum(compressed))}
	l.diffID = v1.Hash{Algorithm: "sha256", Hex: hexSum(tarSum)}
	return l, nil
}

// tarOf is the tar stream of the binary in appDir, in pieces: the content
// itself, where it lies, between copies of what archive/tar writes around
// it (headers, padding, the end).
func tarOf(name string, content []byte) ([][]byte, error) {
	pieces := &tarPieces{content: content}
	tw := tar.NewWriter(pieces)
	headers := []*tar.Header{
		{Typeflag: tar.TypeDir, Name: appDir + "/", Mode: 0o755},
		{Typeflag: tar.TypeReg, Name: path.Join(appDir, name), Mode: 0o755, Size: int64(len(content))},
	}
	for _, h := range headers {
		h.ModTime = epoch.Time
		h.Format = tar.FormatPAX
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
	}
	if _, err := tw.Write(content); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return pieces.pieces, nil
}

// tarPieces receives a tar stream as pieces: the binary's content where
// it lies (archive/tar hands a file's content on as it is given, in one
// write), and a copy of everything else archive/tar writes (headers and
// padding, from buffers it reuses).
type tarPieces struct {
	content []byte
	pieces  [][]byte
}

func (t *tarPieces) Write(p []byte) (int, error) {
	if len(p) > 0 && len(p) == len(t.content) && &p[0] == &t.content[0] {
		t.pieces = append(t.pieces, p)
	} else {
		t.pieces = append(t.pieces, bytes.Clone(p))
	}
	return len(p), nil
}

func sha256Sum(pieces [][]byte) []byte {
	h := sha256.New()
	for _, p := range pieces {
		h.Write(p)
	}
	return h.Sum(nil)
}

func (l *binaryLayer) Digest() (v1.Hash, error)            { return l.digest, nil }
func (l *binaryLayer) DiffID() (v1.Hash, error)            { return l.diffID, nil }
func (l *binaryLayer) Size() (int64, error)                { return l.size, nil }
func (l *binaryLayer) MediaType() (types.MediaType, error) { return l.mediaType, nil }

func (l *binaryLayer) Compressed() (io.ReadCloser, error) {
	readers := make([]io.Reader, len(l.compressed))
	for i, p := range l.compressed {
		readers[i] = bytes.NewReader(p)
	}
	return io.NopCloser(io.MultiReader(readers...)), nil
}

func (l *binaryLayer) Uncompressed() (io.ReadCloser, error) {
	rc, err := l.Compressed()
	if err != nil {
		return nil, err
	}
	return gzip.NewReader(rc)
}

func hexSum(b []byte) string { return hex.EncodeToString(b) }
