package cfn

import (
	"github.com/awslabs/goformation/v7/cloudformation"
	elbv2 "github.com/awslabs/goformation/v7/cloudformation/elasticloadbalancingv2"
	"github.com/awslabs/goformation/v7/cloudformation/policies"
	"github.com/awslabs/goformation/v7/cloudformation/s3"
	"github.com/ecsgen/ecsgen/pkg/expand"
)

// The access log bucket's resources, one per app.
const (
	accessLogBucketID       = "AccessLogsBucket"
	accessLogBucketPolicyID = "AccessLogsBucketPolicy"
)

// Partitions whose load balancers write as ELB accounts of their own.
const (
	inChinaCondition    = "InAwsChinaPartition"
	inGovCloudCondition = "InAwsGovCloudPartition"
)

// elbLogAccounts are the AWS accounts Elastic Load Balancing writes
// Application Load Balancer access logs as, in the regions launched
// before August 2022, by partition. Regions launched since write as the
// service principal logdelivery.elasticloadbalancing.amazonaws.com
// instead. Source: "Enable access logs for your Application Load
// Balancer", step 2, attach a policy to your S3 bucket,
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
// (the same table as CDK's region-info ELBV2_ACCOUNTS).
//
// A template is deployed to any region, and Fn::FindInMap fails a deploy
// in a region its mapping lacks, even in an Fn::If branch not taken, so
// the region-keyed mapping Copilot uses breaks every region launched
// after the template was made. The policy grants instead the accounts of
// the whole partition and the service principal: ELB writes only to a
// bucket in its own region, so each region's account is the only one
// that ever writes, and a new region works on the day it opens.
var elbLogAccounts = map[string][]string{
	"aws": {
		"127311923021", // us-east-1
		"033677994240", // us-east-2
		"027434742980", // us-west-1
		"797873946194", // us-west-2
		"098369216593", // af-south-1
		"754344448648", // ap-east-1
		"589379963580", // ap-southeast-3
		"718504428378", // ap-south-1
		"383597477331", // ap-northeast-3
		"600734575887", // ap-northeast-2
		"114774131450", // ap-southeast-1
		"783225319266", // ap-southeast-2
		"582318560864", // ap-northeast-1
		"985666609251", // ca-central-1
		"054676820928", // eu-central-1
		"156460612806", // eu-west-1
		"652711504416", // eu-west-2
		"635631232127", // eu-south-1
		"009996457667", // eu-west-3
		"897822967062", // eu-north-1
		"076674570225", // me-south-1
		"507241528517", // sa-east-1
	},
	"aws-us-gov": {
		"048591011584", // us-gov-west-1
		"190560391635", // us-gov-east-1
	},
	"aws-cn": {
		"638102146993", // cn-north-1
		"037604701340", // cn-northwest-1
	},
}

// Who writes access logs: ALBs through ELB's own log delivery, NLBs
// through CloudWatch Logs' (vended logs), each with its bucket policy.
const (
	elbLogDeliveryPrincipal    = "logdelivery.elasticloadbalancing.amazonaws.com"
	vendedLogDeliveryPrincipal = "delivery.logs.amazonaws.com"
)

// addAccessLogBucket adds the bucket ecsgen creates for access logs and
// the policy that lets the load balancers write to it.
//
// The bucket keeps its logs when the stack goes, as log groups do. It is encrypted with S3-managed keys,
// the only encryption ELB writes to; blocks public access; is owned by the
// bucket owner alone (no ACLs); and is versioned, so a deleted or
// overwritten log can be recovered until its noncurrent version expires.
func addAccessLogBucket(t *Template, b *expand.AccessLogBucket) {
	owner := "listeners." + b.Writers[0].Name + ".accessLogs"
	t.addResource(accessLogBucketID, owner, &s3.Bucket{
		BucketEncryption: &s3.Bucket_BucketEncryption{ServerSideEncryptionConfiguration: []s3.Bucket_ServerSideEncryptionRule{{
			ServerSideEncryptionByDefault: &s3.Bucket_ServerSideEncryptionByDefault{SSEAlgorithm: "AES256"},
		}}},
		PublicAccessBlockConfiguration: &s3.Bucket_PublicAccessBlockConfiguration{
			BlockPublicAcls: new(true), BlockPublicPolicy: new(true), IgnorePublicAcls: new(true), RestrictPublicBuckets: new(true),
		},
		OwnershipControls:       &s3.Bucket_OwnershipControls{Rules: []s3.Bucket_OwnershipControlsRule{{ObjectOwnership: new("BucketOwnerEnforced")}}},
		VersioningConfiguration: &s3.Bucket_VersioningConfiguration{Status: "Enabled"},
		LifecycleConfiguration: &s3.Bucket_LifecycleConfiguration{Rules: []s3.Bucket_Rule{{
			Id:                          new("ExpireAccessLogs"),
			Status:                      "Enabled",
			ExpirationInDays:            new(b.ExpirationDays),
			NoncurrentVersionExpiration: &s3.Bucket_NoncurrentVersionExpiration{NoncurrentDays: b.NoncurrentExpirationDays},
		}}},
		AWSCloudFormationDeletionPolicy:      policies.DeletionPolicy("Retain"),
		AWSCloudFormationUpdateReplacePolicy: policies.UpdateReplacePolicy("Retain"),
	})
	t.addResource(accessLogBucketPolicyID, owner, &s3.BucketPolicy{
		Bucket:         cloudformation.Ref(accessLogBucketID),
		PolicyDocument: accessLogBucketPolicy(t, b),
	})
	t.addOutput("AccessLogsBucket", owner, cloudformation.Output{
		Value:       cloudformation.Ref(accessLogBucketID),
		Description: new("S3 bucket of the load balancers' access logs"),
	})
}

// accessLogBucketPolicy lets each load balancer write under its own
// prefix only, and refuses every request without TLS.
func accessLogBucketPolicy(t *Template, b *expand.AccessLogBucket) PolicyDocument {
	var albLogs, nlbLogs []string
	for _, lb := range b.Writers {
		objects := cloudformation.Sub("${" + accessLogBucketID + ".Arn}/" + subLiteral(lb.AccessLogs.Prefix) + "/AWSLogs/${AWS::AccountId}/*")
		if lb.Type == expand.TypeNetwork {
			nlbLogs = append(nlbLogs, objects)
		} else {
			albLogs = append(albLogs, objects)
		}
	}
	bucketArn := cloudformation.GetAtt(accessLogBucketID, "Arn")
	doc := PolicyDocument{Version: policyVersion}
	if len(albLogs) > 0 {
		doc.Statement = append(doc.Statement,
			Statement{
				Sid: "ElbLogDelivery", Effect: "Allow", Principal: &Principal{Service: []string{elbLogDeliveryPrincipal}},
				Action: []string{"s3:PutObject"}, Resource: albLogs,
			},
			Statement{
				Sid: "ElbAccountLogDelivery", Effect: "Allow", Principal: &Principal{AWS: elbLogAccountPrincipals(t)},
				Action: []string{"s3:PutObject"}, Resource: albLogs,
			})
	}
	if len(nlbLogs) > 0 {
		// The Network Load Balancer guide's policy:
		// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html
		source := &Condition{
			StringEquals: map[string]string{"aws:SourceAccount": cloudformation.Ref("AWS::AccountId")},
			ArnLike:      map[string]string{"aws:SourceArn": cloudformation.Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*")},
		}
		write := *source
		write.StringEquals = map[string]string{"aws:SourceAccount": cloudformation.Ref("AWS::AccountId"), "s3:x-amz-acl": "bucket-owner-full-control"}
		doc.Statement = append(doc.Statement,
			Statement{
				Sid: "AWSLogDeliveryAclCheck", Effect: "Allow", Principal: &Principal{Service: []string{vendedLogDeliveryPrincipal}},
				Action: []string{"s3:GetBucketAcl"}, Resource: []string{bucketArn}, Condition: source,
			},
			Statement{
				Sid: "AWSLogDeliveryWrite", Effect: "Allow", Principal: &Principal{Service: []string{vendedLogDeliveryPrincipal}},
				Action: []string{"s3:PutObject"}, Resource: nlbLogs, Condition: &write,
			})
	}
	doc.Statement = append(doc.Statement, Statement{
		Sid: "DenyInsecureTransport", Effect: "Deny", Principal: &Principal{AWS: "*"},
		Action: []string{"s3:*"}, Resource: []string{bucketArn, cloudformation.Sub("${" + accessLogBucketID + ".Arn}/*")},
		Condition: &Condition{Bool: map[string]string{"aws:SecureTransport": "false"}},
	})
	return doc
}

// elbLogAccountPrincipals is the ELB accounts of the partition the stack
// is in, chosen by two conditions (see elbLogAccounts).
func elbLogAccountPrincipals(t *Template) string {
	t.addCondition(inChinaCondition, cloudformation.Equals(cloudformation.Ref("AWS::Partition"), "aws-cn"))
	t.addCondition(inGovCloudCondition, cloudformation.Equals(cloudformation.Ref("AWS::Partition"), "aws-us-gov"))
	arns := func(partition string) []string {
		var out []string
		for _, account := range elbLogAccounts[partition] {
			out = append(out, "arn:"+partition+":iam::"+account+":root")
		}
		return out
	}
	return cloudformation.If(inChinaCondition, arns("aws-cn"),
		cloudformation.If(inGovCloudCondition, arns("aws-us-gov"), arns("aws")))
}

// logAccessTo sets the load balancer's access log attributes. A load
// balancer writing to the bucket ecsgen creates waits for its policy:
// ELB writes a test file when the attributes are set, and the create
// fails with "Access Denied for bucket" if it cannot.
func logAccessTo(r *elbv2.LoadBalancer, lb *expand.LoadBalancer) {
	a := lb.AccessLogs
	bucket := a.Bucket
	if bucket == "" {
		bucket = cloudformation.Ref(accessLogBucketID)
		r.AWSCloudFormationDependsOn = append(r.AWSCloudFormationDependsOn, accessLogBucketPolicyID)
	}
	attr := func(k, v string) elbv2.LoadBalancer_LoadBalancerAttribute {
		return elbv2.LoadBalancer_LoadBalancerAttribute{Key: new(k), Value: new(v)}
	}
	r.LoadBalancerAttributes = append(r.LoadBalancerAttributes,
		attr("access_logs.s3.enabled", "true"), attr("access_logs.s3.bucket", bucket))
	if a.Prefix != "" {
		r.LoadBalancerAttributes = append(r.LoadBalancerAttributes, attr("access_logs.s3.prefix", a.Prefix))
	}
}
