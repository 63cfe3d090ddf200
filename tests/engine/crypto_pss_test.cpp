// Known answers for RSA-PSS verification, verify_signature(SigKind::rsa_pss, ...) in
// crypto/signature.hpp (EMSA-PSS-VERIFY, RFC 8017 §9.1.2, MGF1, salt length = hash length as
// RFC 8446 §4.2.3 requires).
//
// Vectors: Project Wycheproof, testvectors/rsa_pss_2048_sha256_mgf1_32_test.json
// (github.com/C2SP/wycheproof, commit 2f387d269d960b389c0073b46acc1b5e84c71159; one test group:
// 2048-bit n, e = 65537, SHA-256, MGF1-SHA-256, sLen 32). A subset of its 103 cases is copied
// here with their tcId, comment, msg, sig and result: valid ones (including the all-zero and
// all-one salts) and invalid ones covering each part of the encoding (mHash, H, PS, the 0x01
// separator, the salt, the top bits of maskedDB, the 0xbc trailer, a PKCS #1 v1.5 signature).
// The size and range cases (tcId 95-102) are rebuilt below from n and from tcId 4.
//
// And a real one: the CertificateVerify of RFC 8448 §3 (rsa_pss_rsae_sha256, a 1024-bit key
// from the RFC's certificate), which exercises a modulus whose top byte is not 0xff-aligned
// differently from the 2048-bit key (emLen = 128, emBits = 1023).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "support/hex.hpp"
#include "crypto/signature.hpp"

namespace tlsscope {
namespace {

using test::h;

struct WycheproofCase {
  int tc_id;
  const char* comment;
  std::string_view msg;
  bool valid;
  std::string_view sig;
};

// The test group's "n" without its DER sign byte (the engine's certificate parsers strip it).
constexpr std::string_view kModulus =
    "a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e637f9746d3f7cafd31878d803"
    "25b6ef5a1700f65903b469429e89d6eac8845097b5ab393189db92512ed8a7711a1253facd20f79c15e8247f"
    "3d3e42e46e48c98e254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9814c22da61"
    "0428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b4c03145b5d3495d4ed5411eb878daf05"
    "fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e5a"
    "c0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d5";

constexpr WycheproofCase kCases[] = {
    {1, "", "", true,
     "4f01e0c12b08625ecac89a69231906edf826380f37c959a96690d046316d68ffce9d5c471694fcebfc6b4553"
     "4864689256e4fc81c78e583f675d0c94b449647451e81beff01a11a516d5e5ce3f1a910437cb8a3a5096b19f"
     "b15f4524a35b23d89cdba12cf5b71aac1047b28c562df7c5542c34ce23a182cf7e0e231934b17294799d4487"
     "7a1d68ef1b8f073619b7618e6b7c22db20030d98cf591ffc3d4da5f58613ecd5ecfc3b40a1d02f40891ca436"
     "95cd4c088b05a8054c89c595a47e274816f35384226f74459ee63e25a1bfc03c360490552ec38343f8ace502"
     "f065303b00bc0ec320711b211fde92e57feb9013c3609342495ec0d7cabdec21e54acc38"},
    {3, "", "54657374", true,
     "401eb03cdb47ca88033e3030f6bdecbac8f5c8fc1dd6a13d23d379ed9a2b309891d13d74fea9d21d159b9e6d"
     "8f37efa2489962e24555f56dd434ff1d31ce4f9f5abd3f22cbea8b691d6a11e44efb83e2bca155e6a164325e"
     "0fde2a8865afd5c9f51161a9d615f62af7ec2e31b3e5ab649c164490d31d88cfae35b84aea7925690f929a14"
     "4b6d2f48e8fb894a52deecd1b9a6496990c4ecf1588699a42cacd10c53af350514e4291ea9a058e77f101e32"
     "c1c0cefa61d945f7bc931f8bd19e7ba3169358a60e5a8b0123bc3199b9fdcafe8e519c41ba675491a27b85e4"
     "4ef2d77277c10fe107293c8290186913bc9a99b640d8da041b64f31eab1d35920985f4a5"},
    {4, "", "313233343030", true,
     "68caf07e71ee654ffabf07d342fc4059deb4f7e5970746c423b1e8f668d5332275cc35eb61270aebd27855b1"
     "e80d59def47fe8882867fd33c2308c91976baa0b1df952caa78db4828ab81e79949bf145cbdfd1c4987ed036"
     "f81e8442081016f20fa4b587574884ca6f6045959ce3501ae7c02b1902ec1d241ef28dee356c0d30d28a950f"
     "1fbc683ee7d9aad26b048c13426fe3975d5638afeb5b9c1a99d162d3a5810e8b074d7a2eae2be52b577151f7"
     "6e1f734b0a956ef4f22be64dc20a81ad1316e4f79dff5fc41fc08a20bc612283a88415d41595bfea66d59de7"
     "ac12e230f72244ad9905aef0ead3fa41ed70bf4218863d5f041292f2d14ce0a7271c6d36"},
    {69, "salt is all 0", "313233343030", true,
     "1591ae743c58ceb723a76f502e21ff6a65c24cabf5f527bab5a6f2a69f20c776fd2251e43ad22e09b1486ceb"
     "1935b2dc2ade95e233f296cc0e5a8af8109659be76b6bfdf37e14837fd6c34bfed1f19ec9d21f974b984fe4d"
     "4773896ebcc7fb862fd641cd0d77178485c70c2d68b4d9be1d863f6f254b77991fc9053f5d5415d1aa74ba90"
     "67e2e6607fb651638c9cc0430a40c9b691977b557a31d95a290a95b56ef2ec8e4313686a9c5ef48235912b21"
     "0fdd2c50aafac28131104c795c42ae75810b0284b2d257e81ecac4240622ebc261ab8bceeeebe80f1cfa70f1"
     "8d782aebb97d803ea3a895be541be6941df103eaaabd870848bfaf58cdaf6cecdd5a10bf"},
    {70, "salt is all 1", "313233343030", true,
     "6f2f650ac10d5aa2c16703f657233da8c035da67a6e9e950dfd0391399da3a86ca7837dd7cf23e864d9cfca1"
     "fe77dae45a01ba21d23dd918ca7bba094aae376100198f59834396ec942fcffdd7d6a44953f69bc60291b1ee"
     "d5921a0434d8b8953beb9d1e1b15fdca7090fa5c646847c0b759e94f056911ad188d4b0cc399c8c345757d50"
     "22f1a38926de0cbda8648a7affd9f031262b1079a3681d58249186fec4f6e98bf151c9b680a46b88dada9b42"
     "cca365cf908ed0501cd21e02a5bc4c0675f23ece50987b703499eeb94b6c40b5cdf22299776fe30800f887a1"
     "dfff18cd8a7da8c2388060dcb78c925c54b4e620cd3fe7546accfb3bbae9de08ba886009"},
    {62, "first byte of m_hash modified", "313233343030", false,
     "67d1d1c0a398148625317c3f5e44b738bdf461c27a59594b39ebb2aebef233c7809379e54411411b82d2e7ac"
     "88f989b58373d532c758baea121878ce9759441738d121881c1fa2d04421f02dd565b12770d844611ed1873a"
     "0b64d822709a6b78d6d3892b294404bce6711001d6c3a54546c76a1d17819674b0be904497a233b466fe4bec"
     "c832dee740f9ab79e5b9f5db0b0f9aac0084ba05cebf42303b5ca2ad95e3d61b29ed6475545c02e93e7b0e11"
     "8af92f5cddb1faeb2cbc23c9e69c120e29df7fe31991e887b3b29e77688c60e80be65cccf3d7861a7a14c39e"
     "6a6e5645568e2cc5e4a17b75db1dd415aadb45e112a9b582b2ff6e82a43d7a7347b7b56d"},
    {64, "last byte of m_hash modified", "313233343030", false,
     "77c9dd7786f0b5cbe76f20abf24361f8979d3a6c6c122e798eda906b0b9700cd2dd26e5286ddd39d07b7c243"
     "79cb40f8350354a36b0759bfade61d3d770702b58218c5dc64ddd0d5fce405a16fbc4de3a5fbe7737032605c"
     "06ac82e174619c3004d24bbf22bd1ab3e4d432b4ae36c23573cbad845c16a1842e5de1a3bfa2f12d3496a311"
     "4fda830dd6061cf538a4571fe088cc03dd7e8762fb08b84501843f5f0362a4fb097d6fe9b96970c0c505d2f6"
     "a59754c42684908627fa8c734ecd587c161de7b7bdd69924c0b4d06cb7db2a70dd9257876d1da1ed8cc00fa6"
     "8279525c346b7256c916ccf1df9386ff9d1eb27f0a5d83a00a2738fa2dbfaa500baea789"},
    {67, "s_len changed to 0", "313233343030", false,
     "5e91b5dcbf02d6f19621d41a83dc8f15ea83c0edb83765ef029b0acac2e1ec8918b1d2afe1fadf11c48d2759"
     "4cb9c01fed79d90e5d5a8085c438450111aa7d9fa39c2345b14fc3c2cb34128f86db5eb00bdf8dfe38d61f29"
     "a41fe31342e7aaefcb4b122eb5d63c2f5c263c8df8450e9428ffef974d535818d51dc03a7d60c8b2d16c999a"
     "e46d73ab40515fe601d9b89b1d09c6d60cd51639a97c1d211e097609ba5e8c319c6fbd21b34a634ec8fb8971"
     "c5aae21c70b847a4539cc10dc314ddd8a9629e8a0e51c66c0cb61fd1f7228c01c6769190abe9bac9a3897800"
     "050014358594e0fb20dbb458b12aa1346826cc9f7e9c5352b073d62853dafe77c848cb1f"},
    {68, "s_len changed to 20", "313233343030", false,
     "57e8cc1dc00c07383d89a79b5c8e4f5bde2a2ba55a3c7201b3291c4d805b1b2eb36f8f326b542342da180abe"
     "508669bb6cc2dd54e327bc70c1e317ba93a0fd21e7fce22a0c597c7420d1d5602ac43d9348ba3eba561f250e"
     "301ab955b0dc33e4abde32946b9b3e86c8bf07a44646ca595960bb988fef04b2824967e9da8b0264f1da0659"
     "373935313a574b5380f0b54ce1bc0dde423bd3a54f6ae5fafa772a55c1c44eb6edffecf13e6e5e1edaf87a79"
     "e338577304141fbc44f0e9eeb286f553f879addd6e12e436fa3af51ad53a72f2679f0ed102d504ee08706fe1"
     "11eaee49d880d1a0b91924b3b79968ed0f9bff446dac199ee89b158c074927d27b864498"},
    {71, "byte 0 in zero padding modified", "313233343030", false,
     "37487b948dac95a1e57bf1ac40888b8e074cf9db9c9825e7b7267d3b105a8c67cb9b33c0e5fd641836798f41"
     "b8b1f024b13243da4fa5e527098337e5cac41e0523a28fb135ae060e7c1e4eb9556222bc43bf1659f65a2a2d"
     "b108ac9b7c9942a5658fcbca5622c115e34ead883ea4ef03f7f62990f282fa791b04489053771329a482467c"
     "ba8a13ad98f27ff7b61c24a452e085d432130b7259e59b2866e55320119b21e3c706f3596ec174517c43cdbe"
     "957e012b573961b1fa925373945ab3209a1007d197e1e9301dd0afa485acf6643ba0587a69f7c44bdf1e53c3"
     "2f05a3b96db0c462509c292d7de09a6c78ebf1131453d37ab037176011296730f57cda97"},
    {74, "first byte of hash h modified", "313233343030", false,
     "3f27e0fafc57629ccc0432827187766a30537e821a2fcd5f1088100d4d8b6a6a9ce950f51102e3b55167d4b4"
     "9e0b6a306e0fdf90837d0630859093e90a94fa564b7a4a82f4ccb772377e07a2b5a6873d98bf665c92df1ce7"
     "cbdb583cda83947b3c9c3df5b3807b470f23f8d08df9fba78e13d6b635f9f59d2d4baa34831dc6c3e5a29695"
     "645b1ed50f3a3389e9e119de765e6d7daaff0b454eadd10f445e402bf3cf4d14f4d16c2d9e4fb5571cea7929"
     "d53019d414d118e82d491bf3fb3bd7427abd6eb48a0ed277221c42840eaa1fd5e7ce658f7763099c1d59431e"
     "498cb58357a659aea8e181ec0fb5ad8a55d1c0f129500a25b85cbcc8733fa3dfa9ea30a4"},
    {78, "all bytes of h replaced by 0", "313233343030", false,
     "682673d7c98ae70039e9f259275c884da7c77136e06d47e8af72f82a09614a08ed125c6d3a80f701a61dc2ad"
     "967e9637662bf40b48543e5b620daf37e3088d2a54a8c5147ef99227cd5cfd0a478d1fd1ec62c495cb89046d"
     "f756908621099913aa4142c3dba2a62de6a8899f0acc7932e33581d4102020423a99876777c59292d597428f"
     "50b846a39d709d38c3a842f9a9531f26dc2a11f518950eee92560fb6b6667a113237a3e6d7bdae48bafc90a7"
     "6a6839b97e6301e546f5b136ff23d662593f74920dccb56d47fea557adca4b36820469425cdd4071ade7c5c1"
     "4f365ba4e0da97cdd62cec66fdc724d3f309b6297c1c84091a74d656b4b030787df593b0"},
    {81, "hash of salt missing", "313233343030", false,
     "83d3f4b18d2653189572e75e9b4464292ca649591a82b1569ce13838c245da67371b1ea78e4215eba8de7134"
     "11ff060a980405f0bad99546989153017a380f9c7b566500fdd5a15830eb0c5f4723e341391268933a41311e"
     "9832b340efbc2cffb4baa9c5dd47783eac81a41e3d6336572d38b034dfe5ef4b94e5c3f903cf3e8e0a3c2c59"
     "cfd13f99f696b0fbfe71368cda5a1d28bad1af3c8976e3f6c1bac08707d2684f6d55c2ed4b433c9efde91b20"
     "6e0842e534be7e88fa219763b960d9d5a43a479990aa9732661693b9e4da89a7bb5dda878ae43f5e1a11944f"
     "7a5c6efad600ddd13a148c1fc8fd2574b9667342c73f2a8b96511a5f75cb1ce486b9df81"},
    {82, "first byte of ps modified", "313233343030", false,
     "31ce7ca597f76ab95d47563f728ff93bf43d9864e5bd1229b824ae26b5a13c79f6f7957217b37e1af0537fea"
     "81616187ff08a0d5c98a92da8dba61bc5c14da3321fd1146d83c2cbd0ec0687d81f6d7349f5a0cab0840e22c"
     "bfa83f02a79d321ff88830d47d4842c0b032c27a181ac06a42cd0bfedaf75f2daa53f64eacb5986545bcf150"
     "b8d433e66b698f2553f9da259bec319d8c0cec05d9c320e7300463d41eb077028c1e0a7d6d87d4dddf54c5b7"
     "8d6a15e4527e37110b9b9ad2f3b2dd0db591227d41cc9f26f2349581dd89e0ba639d0cf9f8c86fe819dbadc6"
     "88522b58d7284caabf843e7143395255e9a0d710ffbef6ad13f6a9361e20d2f6f5a414f5"},
    {86, "ps followed by 0", "313233343030", false,
     "7d0f3cebb4372569e8f02df9f42222151cc31659df8d5078e9ee8e91030735d27e66da8c87039a27ac28588e"
     "8431d7ad1583534e8570318cbb2554c07016bfb02fe59af00576b7908286f4b27e36f768a118c3f3a1ceaeff"
     "ee03a1b67270c3e489cce5c5f1171e0a8734553403047faff680dbcd70bf0fc1f0f4461bd4e68c6c0978da34"
     "90a137ddd8f62bd79c6a1daf70f7a9a3e90056ccd41c62f04915bf128f74dabcc47cba85b0fae47a04da32e1"
     "7799ca150814d27793816e6a198390c35d1f35abf6816761a5ff0c28b1e60eeed244b1f24934174a1d2c4694"
     "75f3eb8842eb9f5c6224386994aff9579f26ea7d73c668a113ef7dee8b2bda576135d452"},
    {88, "shifted salt", "313233343030", false,
     "11e8938238a20f0e6947015987380dfd88a1661606bd05bbe4298f4746e81e3bbf34aeceba5360f1839ee0d7"
     "d7fe3e578cacc2d24b15eefe2064edb1fd04ff9a44c0a600ebf00f64fbb1ead4246e5ffbad0c22441ed07346"
     "2f26e30b61a0a9142b4f993d1b26fa32e11382da33b9eb5855cef6736bec2f4f5bc6bf82fdf7da62346a4d96"
     "96c53e1cfa789667b721f32f7779daf7df85474096a9e9a7291afc76df3a66c7a0b997b41bfb71fedbdb4e65"
     "095efe1a81d35b66be55432e0a6e33905475b46a94e05bce7fee84645f500d8ebd7c0282c35f22774e708926"
     "2210f83ed485cd2b045acd5d62b4bb53dcbeb2588dc6535518189cb0220a7c9406e454d6"},
    {89, "including garbage", "313233343030", false,
     "39a8e947c919ecfad7ee28bb708c1f9e825036374ea0f610bf5531d89b813d506fd00bdc15850b250ac50fc5"
     "56a676c894fb641dc650999eb6239b91e2c755126bbb9fef5783a5ab834e0ad91c60e720e80e096c091167a2"
     "a1dae838a16fe0ebaa8efb3573c89ac5d8e0584b5ec4e2168ef097f937ef0f0d2a2f964a8e6a810dd15b9c27"
     "b234d788af3c4f54dc97035657ff19f2835555dbafd02c4ed3c76654fa868babb71534bfe84674eeddbfc2b2"
     "7a517f666bd03a27d8173bb92826a231cd9a241c171445b416934ebec5f7eea4fb41a61937d9a98f61b2fd1c"
     "a8e2be125e85cc8d16d553b114ab72395e86fea52f54edd853e9c5156557e38f621b975a"},
    {90, "bit 7 of masked_db not cleared", "313233343030", false,
     "9c13d877ac2bd8c02c11e29ffcc0c1046dbc9870177e843c30b499c2bf7fd09daa43469caf2b8c3e955ded95"
     "e4d62209f7571bb45593f4cd8b0c7bc9470a8a693837248b5a7854dc8e37e752d949479272642994182061d7"
     "af80b0ac6f6e984874c8cdc6a5d7d17dc9e9de5ad12120cdb9f6c0d09c0e11b87b3423e37ba9437a4f76cc1e"
     "6124579e5f79832b89710de1968ce46e3e69fa185c0a924e8cb5f996ee5963f6826dd37714de264d75545e85"
     "09caf8735330cde7ed4228e5779471827b83757c466022117c45d598f5a4a7fed7be4e1b4d320f894879061a"
     "75d1a41efd8dcaf3c61733ed8ca2cc2f83714f8fdbc7a97cd6d6b97ea3d36ebd69890633"},
    {91, "first byte of masked_db changed to 0", "313233343030", false,
     "00566c95524ad0995eda7d668fa08e8f75bea868b60972d6488cbe8939bbde68fa5206e671f35555f628fa70"
     "7ce7ba0f468cfa8b9737e0ef64e0e23c901e4965ccaaeefa9b84363a3037cf5f9e044e295fe57f32c1125ca7"
     "0c639b22732aa4c4b3e5562690bc1d7e7e74dd01c674212dcb63c58fa23333d45e1e4ccffa5d186443cc785c"
     "5ece3f2d7a8995e25de6a171cbc960c272c2899f6f87ceadb72eea1be085245669ac08993591e72bb9aff8bc"
     "29388b35c99f1ba7477af9d16754894a50d4caea4bc80e2aef2ced27f4a1c88be284bbb40cb8ae279b4e38a4"
     "cd8a51a92a279a799b3316c2938e1386043ae7ab1d8605cd310d7239c805a07a19c7b17d"},
    {92, "last byte in em modified", "313233343030", false,
     "2b46a0aab5f573e32ffbcb411cd99d2f90aa9b1abbc600b0cda0d824f79020aab47a2494caea20fc93017e77"
     "b99eb73a1f8a550b611e2747ad29207772629c2ec40918c07adef1c90c99a15cddb9eac88955b4093a9e743d"
     "2420b4647e167bff8ddb07ce197db89d8a7d3f327058a41cc459ed4f6d5d23dfc015479d95e195da37f5b1fc"
     "318a3f74a0ac5fe2b9569c7fd99b8eb3ed3967a5eda1d246a3b225548f67ff860202033e7164d4b99dcf95f4"
     "232d18a7913f7258a33179133a6fb4ab5a4937b642eacb92908cf79495745abc583524cb0236fbfadd2c7e8b"
     "0a6597017912b4737fc01432625a508355869670bef25d32afe6753c38cfd96ec38953fb"},
    {103, "PKCS #1 v1.5 signature", "313233343030", false,
     "1758eb94588e6fc4f50c1be1afcaa41027869f304cad513b1fb12c2f446d63cdc05c4830a7e3e630da7b2da4"
     "f7867cc173bf6420f9732277282596de41ded32e21d0cc31441174da8765f57419c7764ea758f55bc17646eb"
     "100c435d1ac0eed6fc7ba6de5f832094ee2f479979765e05ac9976788db3c241a9e32a0da864f0019a87646b"
     "a623d63f4411af5dee1be9ec488c7e3e1b231479de70b9ac5f78a17b1f4120aece45f26c07e7bb345fdfeb05"
     "e14bcaacc614672a465fc523624cb19f66f9c6c3f642b832ca44cb25176d679f0e05606c3fed022cac24c2bf"
     "960a406d48818e3eb7ed53b0446032469047dfed95fc18088c92d91d93722c47f88163a8"},
};

PublicKey wycheproof_key() {
  PublicKey key;
  key.type = PublicKey::Type::rsa;
  key.n = h(kModulus);
  key.e = h("010001");
  return key;
}

const WycheproofCase& wycheproof_case(int tc_id) {
  for (const auto& c : kCases)
    if (c.tc_id == tc_id) return c;
  ADD_FAILURE() << "no tcId " << tc_id;
  return kCases[0];
}

std::string describe(const WycheproofCase& c) {
  return "Wycheproof tcId " + std::to_string(c.tc_id) + (*c.comment ? ": " : "") + c.comment;
}

TEST(CryptoPss, WycheproofValidSignaturesVerify) {
  PublicKey key = wycheproof_key();
  ASSERT_EQ(key.bits(), 2048u);
  int checked = 0;
  for (const auto& c : kCases) {
    if (!c.valid) continue;
    ++checked;
    EXPECT_TRUE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, h(c.msg), h(c.sig)))
        << describe(c);
  }
  EXPECT_EQ(checked, 5);
}

TEST(CryptoPss, WycheproofInvalidSignaturesAreRejected) {
  PublicKey key = wycheproof_key();
  int checked = 0;
  for (const auto& c : kCases) {
    if (c.valid) continue;
    ++checked;
    EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, h(c.msg), h(c.sig)))
        << describe(c);
  }
  EXPECT_EQ(checked, 16);
}

// Wycheproof tcId 95-98: the signature as a number is 0, 1, n-1 or n (RFC 8017 §8.1.2 step 2:
// s must be below n; the others give an EM that is not an encoding).
TEST(CryptoPss, WycheproofSignatureRepresentativeOutOfRange) {
  PublicKey key = wycheproof_key();
  Bytes msg = h("313233343030");
  Bytes zero(256, 0), one(256, 0);
  one.back() = 1;
  Bytes n = key.n, n_minus_1 = key.n;
  n_minus_1.back() -= 1;  // n is odd, so no borrow
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, zero)) << "tcId 95";
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, one)) << "tcId 96";
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, n_minus_1))
      << "tcId 97";
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, n)) << "tcId 98";
}

// Wycheproof tcId 99-102, built from the valid tcId 4: RFC 8017 §8.1.2 step 1, the signature
// must be exactly k = 256 bytes long, even when the extra bytes are leading zeros.
TEST(CryptoPss, WycheproofSignatureOfWrongLength) {
  PublicKey key = wycheproof_key();
  const auto& base = wycheproof_case(4);
  Bytes msg = h(base.msg), sig = h(base.sig);
  ASSERT_TRUE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, sig));

  Bytes prepended(2, 0);
  prepended.insert(prepended.end(), sig.begin(), sig.end());
  Bytes appended = sig;
  appended.insert(appended.end(), 2, 0);
  Bytes truncated(sig.begin(), sig.end() - 1);
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, prepended))
      << "tcId 99";
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, appended))
      << "tcId 100";
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, truncated))
      << "tcId 101";
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, Bytes{}))
      << "tcId 102";
}

// A valid PSS signature is only valid for its message, its hash, its key and as PSS.
TEST(CryptoPss, ValidSignatureUnderOtherParametersIsRejected) {
  PublicKey key = wycheproof_key();
  const auto& c = wycheproof_case(3);
  Bytes msg = h(c.msg), sig = h(c.sig);
  ASSERT_TRUE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, msg, sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, as_bytes("Tesu"), sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha384, key, msg, sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha512, key, msg, sig));
  EXPECT_FALSE(verify_signature(SigKind::rsa_pkcs1, Hash::sha256, key, msg, sig));
  EXPECT_FALSE(verify_signature(SigKind::ecdsa, Hash::sha256, key, msg, sig));

  PublicKey other = key;
  other.n.back() ^= 0x02;
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, other, msg, sig));
  PublicKey no_key;
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, no_key, msg, sig));
}

// The same modulus as the test group publishes it, "00a2b4...": a DER INTEGER with its sign
// byte. RSA PKCS #1 v1.5 verification accepts such a key (crypto_signature_test.cpp uses this
// form); PSS should agree, since the modulus is the same number.
//
// Disabled until the engine is fixed: pss_verify() compares the signature's length with
// key.n.size() (257 here) instead of the modulus' length in bytes without leading zeros (256),
// so every signature is refused. The certificate parsers strip the sign byte today, so no
// handshake is affected yet; PublicKey does not promise that form.
TEST(CryptoPss, ModulusWithLeadingZeroByteIsTheSameKey) {
  PublicKey key = wycheproof_key();
  key.n.insert(key.n.begin(), 0x00);
  const auto& c = wycheproof_case(4);
  EXPECT_TRUE(verify_signature(SigKind::rsa_pss, Hash::sha256, key, h(c.msg), h(c.sig)));
}

// RFC 8448 §3: the server's CertificateVerify, rsa_pss_rsae_sha256 (0x0804) with the key of
// the RFC's self-signed "rsa" certificate. Signed content (RFC 8446 §4.4.3): 64 spaces, the
// context string, a zero byte, then Transcript-Hash(ClientHello..Certificate) over the RFC's
// messages (the hash below is SHA-256 of those four messages, as tls13_key_schedule_test.cpp
// has them).
TEST(CryptoPss, Rfc8448CertificateVerify) {
  PublicKey key;
  key.type = PublicKey::Type::rsa;
  key.n = h("b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc"
            "9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38"
            "e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d3"
            "5a8d88d79f7f1e3f");
  key.e = h("010001");
  ASSERT_EQ(key.bits(), 1024u);
  Bytes transcript = h("764d6632b3c35c3f3205e3499ac3edbaabb88295fba751461d3678e2e5ea0687");
  auto signed_content = [&](std::string_view context) {
    Bytes content(64, 0x20);
    content.insert(content.end(), context.begin(), context.end());
    content.push_back(0x00);
    content.insert(content.end(), transcript.begin(), transcript.end());
    return content;
  };
  Bytes signature = h(
      "5a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a"
      "078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c"
      "9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3");

  EXPECT_TRUE(verify_signature(SigKind::rsa_pss, Hash::sha256, key,
                               signed_content("TLS 1.3, server CertificateVerify"), signature));
  // RFC 8446 §4.4.3: the context strings keep a server's signature from passing as a client's.
  EXPECT_FALSE(verify_signature(SigKind::rsa_pss, Hash::sha256, key,
                                signed_content("TLS 1.3, client CertificateVerify"), signature));
}

}  // namespace
}  // namespace tlsscope
