package publish

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// lateDelivery is S3 (moto's) with a load balancer that delivers one more
// log just before the first DeleteBucket, which S3 then refuses as not
// empty.
type lateDelivery struct {
	S3
	delivered bool
}

func (l *lateDelivery) DeleteBucket(ctx context.Context, in *s3.DeleteBucketInput, opts ...func(*s3.Options)) (*s3.DeleteBucketOutput, error) {
	if !l.delivered {
		l.delivered = true
		if _, err := l.PutObject(ctx, &s3.PutObjectInput{Bucket: in.Bucket, Key: aws.String("web/AWSLogs/late.gz"), Body: strings.NewReader("late")}); err != nil {
			return nil, err
		}
	}
	return l.S3.DeleteBucket(ctx, in, opts...)
}

// TestDeleteBucketAfterALateLog: a log delivered between emptying the
// bucket and deleting it is deleted too, and so is the bucket.
func TestDeleteBucketAfterALateLog(t *testing.T) {
	testenv.SetEnv(t, testenv.StartMoto(t).URL)
	c, err := LoadClients(context.Background(), awsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, bucket := context.Background(), "access-logs-late"
	if _, err := c.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	api := &lateDelivery{S3: c.S3}
	if err := deleteBucket(ctx, api, bucket); err != nil {
		t.Fatalf("deleteBucket: %v", err)
	}
	if !api.delivered {
		t.Fatal("the late log was never delivered")
	}
	if _, err := c.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err == nil {
		t.Errorf("bucket %s still exists", bucket)
	}
}
