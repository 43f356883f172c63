package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// inlineLimit is the largest template CloudFormation takes in the request
// itself; larger ones must come from S3.
const inlineLimit = 51200

// templateSource sends small templates inline and uploads larger ones.
func (d *deployer) templateSource(ctx context.Context, body []byte) (templateSource, error) {
	if len(body) <= inlineLimit {
		return templateSource{body: string(body)}, nil
	}
	url, err := uploadTemplate(ctx, d.c, d.stack, body)
	return templateSource{url: url}, err
}

// uploadTemplate stores the template in ecsgen's bucket for the account and
// region, named by its content, and returns its URL.
func uploadTemplate(ctx context.Context, c *Clients, stack string, body []byte) (string, error) {
	account, err := c.Account(ctx)
	if err != nil {
		return "", err
	}
	bucket := fmt.Sprintf("ecsgen-templates-%s-%s", account, c.Region)
	if err := ensureBucket(ctx, c.S3, bucket, c.Region); err != nil {
		return "", err
	}
	sum := sha256.Sum256(body)
	key := stack + "/" + hex.EncodeToString(sum[:]) + ".json"
	if _, err := c.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body),
		ContentType: aws.String("application/json"),
	}); err != nil {
		return "", fmt.Errorf("uploading the template to s3://%s/%s: %w", bucket, key, awsclient.Explain(err))
	}
	return fmt.Sprintf("https://%s.s3.%s.amazonaws.com/%s", bucket, c.Region, key), nil
}

// ensureBucket creates the template bucket the first time, private and
// encrypted, and reuses it afterwards.
func ensureBucket(ctx context.Context, api S3, bucket, region string) error {
	_, err := api.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	var nf *s3types.NotFound
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &nf):
		return fmt.Errorf("checking template bucket %s: %w", bucket, awsclient.Explain(err))
	}
	in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
	if region != "us-east-1" { // us-east-1 refuses its own name as a constraint
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	if _, err := api.CreateBucket(ctx, in); err != nil {
		return fmt.Errorf("creating template bucket %s: %w", bucket, awsclient.Explain(err))
	}
	if _, err := api.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(bucket),
		PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true),
			IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true),
		},
	}); err != nil {
		return fmt.Errorf("blocking public access to template bucket %s: %w", bucket, awsclient.Explain(err))
	}
	if _, err := api.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
		Bucket: aws.String(bucket),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
			Rules: []s3types.ServerSideEncryptionRule{{
				ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256},
			}},
		},
	}); err != nil {
		return fmt.Errorf("encrypting template bucket %s: %w", bucket, awsclient.Explain(err))
	}
	return nil
}

// deleteBucket deletes every version of every object in a versioned
// bucket, delete markers included, then the bucket: S3 deletes only an
// empty bucket. A log written between the two (a load balancer's last
// delivery) makes it empty the bucket once more. A bucket already gone is
// no error.
func deleteBucket(ctx context.Context, api S3, bucket string) error {
	for try := 1; ; try++ {
		if err := emptyBucket(ctx, api, bucket); err != nil {
			return err
		}
		_, err := api.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)})
		var apiErr smithy.APIError
		if try == 1 && errors.As(err, &apiErr) && apiErr.ErrorCode() == "BucketNotEmpty" {
			continue
		}
		if noSuchBucket(err) {
			return nil
		}
		return err
	}
}

// emptyBucket deletes every version and delete marker in bucket.
func emptyBucket(ctx context.Context, api S3, bucket string) error {
	pages := s3.NewListObjectVersionsPaginator(api, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if noSuchBucket(err) {
			return nil
		}
		if err != nil {
			return err
		}
		var objects []s3types.ObjectIdentifier
		for _, v := range page.Versions {
			objects = append(objects, s3types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, m := range page.DeleteMarkers {
			objects = append(objects, s3types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
		}
		if len(objects) == 0 {
			continue
		}
		// A page holds at most 1,000 keys, DeleteObjects' limit.
		out, err := api.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket), Delete: &s3types.Delete{Objects: objects, Quiet: aws.Bool(true)}})
		if err != nil {
			return err
		}
		if len(out.Errors) > 0 {
			e := out.Errors[0]
			return fmt.Errorf("deleting %s: %s", aws.ToString(e.Key), aws.ToString(e.Message))
		}
	}
	return nil
}

func noSuchBucket(err error) bool {
	var nb *s3types.NoSuchBucket
	var api smithy.APIError
	return errors.As(err, &nb) || (errors.As(err, &api) && api.ErrorCode() == "NoSuchBucket")
}
