// The AWS SDK for JavaScript v3 as the behaviour suite runs it: node s3client.mjs OP ENDPOINT VOLUME ARGS...
//   put ENDPOINT VOLUME KEY LOCAL_FILE 0 | get ENDPOINT VOLUME KEY LOCAL_FILE | list ENDPOINT VOLUME PREFIX | delete ENDPOINT VOLUME KEY
// Credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION; an HTTPS server's certificate
// from NODE_EXTRA_CA_CERTS. Everything else is the SDK's default (CRC32 checksums on uploads).
import { readFile, writeFile } from "node:fs/promises";
import { S3Client, PutObjectCommand, GetObjectCommand, ListObjectsV2Command, DeleteObjectCommand } from "@aws-sdk/client-s3";

const [op, endpoint, volume, ...rest] = process.argv.slice(2);
const s3 = new S3Client({ endpoint, forcePathStyle: true, region: process.env.AWS_REGION });

try {
  if (op === "put") {
    const [key, local] = rest;
    await s3.send(new PutObjectCommand({ Bucket: volume, Key: key, Body: await readFile(local) }));
  } else if (op === "get") {
    const [key, local] = rest;
    const response = await s3.send(new GetObjectCommand({ Bucket: volume, Key: key }));
    await writeFile(local, await response.Body.transformToByteArray());
  } else if (op === "list") {
    let token;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: volume, Prefix: rest[0], ContinuationToken: token }));
      for (const item of page.Contents ?? []) console.log(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } else if (op === "delete") {
    await s3.send(new DeleteObjectCommand({ Bucket: volume, Key: rest[0] }));
  } else {
    throw new Error(`unknown operation ${op}`);
  }
} catch (error) {
  console.error(`${error.name}: ${error.message} (HTTP ${error.$metadata?.httpStatusCode})`);
  process.exit(1);
}
